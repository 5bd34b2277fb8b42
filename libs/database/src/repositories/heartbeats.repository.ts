import { EntityManager } from 'typeorm';
import { Heartbeat } from '../entities';

/** The heartbeat rows a job from the api through Redis to the worker leaves behind. */
export class HeartbeatsRepository {
  constructor(private readonly em: EntityManager) {}

  /** Records the heartbeat once per token; true when this call recorded it. */
  async record(
    h: Pick<Heartbeat, 'token' | 'requestedAt' | 'processedAt' | 'worker'>,
  ): Promise<boolean> {
    const result = await this.em
      .createQueryBuilder()
      .insert()
      .into(Heartbeat)
      .values(h)
      .orIgnore()
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  find(token: string): Promise<Heartbeat | null> {
    return this.em.getRepository(Heartbeat).findOneBy({ token });
  }
}
