import { ApiProperty } from '@nestjs/swagger';

export type ImportRowAction = 'create' | 'update' | 'unchanged';
export type UserImportStatus = 'validated' | 'queued' | 'running' | 'completed' | 'failed';

export class ImportRowError {
  @ApiProperty({ description: 'Line number in the file (the header is line 1; a quoted field may span lines).' })
  line!: number;

  @ApiProperty({ type: String, nullable: true })
  username!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'email' })
  field!: string | null;

  @ApiProperty({ example: 'IMPORT_ROW_INVALID_EMAIL' })
  code!: string;

  @ApiProperty()
  message!: string;
}

export class ImportRowPreview {
  @ApiProperty()
  line!: number;

  @ApiProperty({ example: 'zhang.wei' })
  username!: string;

  @ApiProperty({ enum: ['create', 'update', 'unchanged'] })
  action!: ImportRowAction;

  @ApiProperty({ type: [String], example: ['displayName', 'groups'], description: 'Fields that would change.' })
  changes!: string[];
}

export class ImportDryRunReport {
  @ApiProperty({ description: 'Data rows in the file.' })
  rows!: number;

  @ApiProperty()
  create!: number;

  @ApiProperty()
  update!: number;

  @ApiProperty()
  unchanged!: number;

  @ApiProperty({ description: 'Rows with errors (they are skipped when applying).' })
  errors!: number;

  @ApiProperty({ type: [ImportRowPreview], description: 'What would change, for the first rows (counts cover all).' })
  preview!: ImportRowPreview[];

  @ApiProperty({ type: [ImportRowError] })
  rowErrors!: ImportRowError[];
}

export class ImportProgress {
  @ApiProperty({ example: 42.5 })
  percent!: number;

  @ApiProperty()
  rowsDone!: number;

  @ApiProperty()
  rowsTotal!: number;

  @ApiProperty()
  created!: number;

  @ApiProperty()
  updated!: number;

  @ApiProperty()
  unchanged!: number;

  @ApiProperty()
  errors!: number;
}

export class UserImportResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ['validated', 'queued', 'running', 'completed', 'failed'] })
  status!: UserImportStatus;

  @ApiProperty({ type: ImportDryRunReport, description: 'The dry run made when the file was uploaded.' })
  dryRun!: ImportDryRunReport;

  @ApiProperty({ type: ImportProgress })
  progress!: ImportProgress;

  @ApiProperty({ type: [ImportRowError], description: 'Errors met while applying (the first 1,000).' })
  errors!: ImportRowError[];

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  startedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  finishedAt!: string | null;
}

/** One import in the list: status and counts, without the per-row preview and errors (GET …/:id has them). */
export class UserImportSummaryResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ['validated', 'queued', 'running', 'completed', 'failed'] })
  status!: UserImportStatus;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Who uploaded it (null once that account is erased).' })
  createdBy!: string | null;

  @ApiProperty({ description: 'Data rows in the file.' })
  rows!: number;

  @ApiProperty({ description: 'Rows the dry run found invalid.' })
  dryRunErrors!: number;

  @ApiProperty({ type: ImportProgress })
  progress!: ImportProgress;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  finishedAt!: string | null;
}

export class UserImportListResponse {
  @ApiProperty({ type: [UserImportSummaryResponse] })
  items!: UserImportSummaryResponse[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
