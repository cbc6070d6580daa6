import { ApiProperty } from '@nestjs/swagger';

export class MessageRevisionResponse {
  @ApiProperty({ description: '1 is the original text; the current text is the last revision.' })
  revision!: number;

  @ApiProperty()
  text!: string;

  @ApiProperty({ format: 'date-time', description: 'When this text was written.' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When an edit replaced it; null for the current text.' })
  replacedAt!: string | null;
}
