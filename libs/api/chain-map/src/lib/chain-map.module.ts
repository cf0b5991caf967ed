import { Module } from '@nestjs/common';
import { ChainMapExportService } from './export/chain-map-export.service';
import { ChainMapController } from './maps/chain-map.controller';
import { ChainMapService } from './maps/chain-map.service';

/** 招商图谱 (issue 22): the chains' maps, their gaps and target firms. Audit entries go through the global AuditModule. */
@Module({
  controllers: [ChainMapController],
  providers: [ChainMapService, ChainMapExportService],
})
export class ChainMapModule {}
