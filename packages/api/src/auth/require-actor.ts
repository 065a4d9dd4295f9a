import { DomainError, type Actor } from '@xingfu/domain';
import type { RequestContext } from '../context/context.type.js';

/**
 * The authenticated caller of the internal API (the context refuses anonymous requests). A
 * facility manager sees its own facility only: every feature but elder care refuses it here.
 */
export function actorOf(ctx: RequestContext): Actor {
  const actor = elderCareActorOf(ctx);
  if (actor.role === 'facility_manager') {
    throw new DomainError('FORBIDDEN', 'A facility manager works with its own elder-care facility only: ask your county bureau for this.');
  }
  return actor;
}

/** The authenticated caller of elder care's fields, a facility manager included (docs/eldercare.md). */
export function elderCareActorOf(ctx: RequestContext): Actor {
  if (!ctx.actor) throw new DomainError('UNAUTHENTICATED', 'Sign in: send a bearer token in the Authorization header.');
  return ctx.actor;
}

/** The region a list is filtered to: the one asked for, which must lie inside the caller's. */
export function scopedRegion(actor: Actor, regionCode: string | null | undefined): string {
  const region = regionCode ?? actor.regionCode;
  if (!region.startsWith(actor.regionCode)) {
    throw new DomainError('OUT_OF_SCOPE', `Region ${region} is outside your region (${actor.regionCode}).`);
  }
  return region;
}
