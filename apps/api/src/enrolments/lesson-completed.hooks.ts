import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** A learner has just completed a lesson (inside the transaction that records it). */
export interface LessonCompletedEvent {
  personId: string;
  lessonId: string;
  at: Date;
}

export type LessonCompletedHook = (event: LessonCompletedEvent, tx: EntityManager) => Promise<void>;

/**
 * Lets a domain that builds on enrolments react to a completed lesson in the same transaction, without enrolments
 * depending on it: remedial learning (test-rounds) registers here to notice that a re-study plan is now finished.
 */
@Injectable()
export class LessonCompletedHooks {
  private readonly hooks: LessonCompletedHook[] = [];

  register(hook: LessonCompletedHook): void {
    this.hooks.push(hook);
  }

  async run(event: LessonCompletedEvent, tx: EntityManager): Promise<void> {
    for (const hook of this.hooks) await hook(event, tx);
  }
}
