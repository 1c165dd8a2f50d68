import { Module } from '@nestjs/common';
import { NotificationsModule } from '@api/notifications';
import { RemindersController } from './reminders.controller';
import { RemindersRepository } from './reminders.repository';
import { RemindersService } from './reminders.service';

@Module({ imports: [NotificationsModule], controllers: [RemindersController], providers: [RemindersRepository, RemindersService] })
export class RemindersModule {}
