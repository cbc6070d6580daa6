/** The wire shape of every error response. */
export interface ErrorBody {
  error: {
    code: string;
    message: string;
    requestId?: string;
    details?: Readonly<Record<string, unknown>>;
  };
}
