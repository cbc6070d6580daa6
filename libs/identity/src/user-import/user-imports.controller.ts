import { Controller, Get, HttpCode, HttpStatus, Inject, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '@enclave/core';
import { AuditAction, Audited } from '@enclave/audit';
import { AdminPageQuery, Permission, UserImportListResponse, UserImportResponse } from '@enclave/contracts';
import { RequirePermission } from '@enclave/authz';
import { CsvUpload, CsvUploadPipe } from './csv-upload.pipe.js';
import { UserImportsService } from './user-imports.service.js';

@ApiTags('admin: user imports')
@ApiBearerAuth('access-token')
@Controller('api/v1/admin/user-imports')
export class UserImportsController {
  constructor(@Inject(UserImportsService) private readonly imports: UserImportsService) {}

  @Post()
  @RequirePermission(Permission.UserImport)
  @Audited(AuditAction.UserImportValidated, { target: 'user_import', targetIdFromResponse: 'id' })
  @ApiConsumes('text/csv')
  @ApiBody({ description: 'UTF-8 CSV with a header: username (required), email, display_name, roles, groups (`;`-separated).', schema: { type: 'string' } })
  @ApiOperation({ summary: 'Upload a CSV: the dry run (per-row errors; create / update / unchanged). Nothing changes until you apply it.' })
  @ApiCreatedResponse({ type: UserImportResponse })
  upload(@CurrentActor() actor: Actor, @CsvUpload(CsvUploadPipe) csv: Buffer): Promise<UserImportResponse> {
    return this.imports.upload(actor, csv);
  }

  @Post(':id/apply')
  @HttpCode(HttpStatus.ACCEPTED)
  @RequirePermission(Permission.UserImport)
  @Audited(AuditAction.UserImportApplied, { target: 'user_import', targetIdParam: 'id' })
  @ApiOperation({ summary: 'Apply a validated import in the background; poll GET …/:id for progress.' })
  @ApiAcceptedResponse({ type: UserImportResponse })
  apply(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string): Promise<UserImportResponse> {
    return this.imports.apply(actor, id);
  }

  @Get()
  @RequirePermission(Permission.UserImport)
  @ApiOperation({ summary: 'Imports, newest first: status, counts and progress (cursor).' })
  @ApiOkResponse({ type: UserImportListResponse })
  list(@CurrentActor() actor: Actor, @Query() query: AdminPageQuery): Promise<UserImportListResponse> {
    return this.imports.list(actor, query);
  }

  @Get(':id')
  @RequirePermission(Permission.UserImport)
  @ApiOperation({ summary: 'An import: its dry run, status and progress (percent, rows done, counts, errors).' })
  @ApiOkResponse({ type: UserImportResponse })
  get(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string): Promise<UserImportResponse> {
    return this.imports.get(actor, id);
  }
}
