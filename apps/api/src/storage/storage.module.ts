import { Global, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FileStoreConfig, loadConfig } from '@api/config';
import { FileCleanupRepository } from './file-cleanup.repository';
import { FileCleanup } from './file-cleanup.service';
import { FileStorage, LocalDiskStorage } from './file-storage';
import { PostgresFileStorage } from './postgres-file-storage';
import { S3FileStorage } from './s3-file-storage';

export function createFileStorage(config: FileStoreConfig, db: DataSource): FileStorage {
  switch (config.kind) {
    case 'local':
      return new LocalDiskStorage(config.dir);
    case 'postgres':
      return new PostgresFileStorage(db);
    case 's3':
      return new S3FileStorage(config);
  }
}

/** The configured store (FILE_STORE), checked at start: a wrong bucket or folder stops the node with the setting's name. */
@Global()
@Module({
  providers: [{ provide: FileStorage, inject: [DataSource], useFactory: (db: DataSource) => createFileStorage(loadConfig().fileStore, db) }, FileCleanupRepository, FileCleanup],
  exports: [FileStorage, FileCleanup],
})
export class StorageModule implements OnApplicationBootstrap {
  constructor(private readonly storage: FileStorage) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.storage.check();
    new Logger('FileStorage').log(`files in ${this.storage.kind}`);
  }
}
