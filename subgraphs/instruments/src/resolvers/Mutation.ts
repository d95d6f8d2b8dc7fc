import { badUserInput } from '@gzequip/kit';
import type { InstrumentOperationsInput, MutationResolvers } from '../__generated__/resolvers-types.ts';
import type { OperationsChanges } from '../models/instrument.ts';

function notCleared<T>(value: T | null | undefined, field: string): T | undefined {
  if (value === null) throw badUserInput(`input.${field}`, 'cannot be cleared; leave it out to keep it');
  return value;
}

/** Blank text clears a field, like null; text is stored trimmed. */
function text(value: string | null | undefined): string | null | undefined {
  return value === undefined ? undefined : value?.trim() || null;
}

/** Left out: unchanged. Null or blank text: cleared. Status and sharing mode cannot be cleared. */
function operationsChanges(input: InstrumentOperationsInput): OperationsChanges {
  return {
    status: notCleared(input.status, 'status'),
    sharingMode: notCleared(input.sharingMode, 'sharingMode'),
    feeText: text(input.feeText),
    sharingRules: text(input.sharingRules),
    serviceContent: text(input.serviceContent),
    serviceUrl: text(input.serviceUrl),
    address: text(input.address),
    contactName: text(input.contactName),
    contactPhone: text(input.contactPhone),
  };
}

function checkedVersion(version: number): number {
  if (version < 1) throw badUserInput('version', 'must be the version you read (1 or more)');
  return version;
}

export const Mutation: MutationResolvers = {
  updateInstrumentOperations: (_root, { id, version, input }, { instruments }) =>
    instruments.updateOperations(id, checkedVersion(version), operationsChanges(input)),
  createInstrument: (_root, { ownerId, input }, { instruments }) => instruments.create(ownerId, input),
  updateInstrument: (_root, { id, version, input }, { instruments }) =>
    instruments.updateRecord(id, checkedVersion(version), input),
  submitInstrument: (_root, { id, version }, { instruments }) => instruments.submit(id, checkedVersion(version)),
  publishInstrument: (_root, { id, version }, { instruments }) => instruments.publish(id, checkedVersion(version)),
  rejectInstrument: (_root, { id, version, reason }, { instruments }) =>
    instruments.reject(id, checkedVersion(version), reason),
  retireInstrument: (_root, { id, version }, { instruments }) => instruments.retire(id, checkedVersion(version)),
  setBookingRules: (_root, { instrumentId, version, input }, { bookings }) =>
    bookings.setRules(instrumentId, version == null ? null : checkedVersion(version), input),
  addClosure: (_root, { instrumentId, input }, { bookings }) => bookings.addClosure(instrumentId, input),
  removeClosure: (_root, { id }, { bookings }) => bookings.removeClosure(id),
  requestBooking: (_root, { input }, { bookings }) => bookings.request(input),
  approveBooking: (_root, { id, version }, { bookings }) => bookings.approve(id, checkedVersion(version)),
  rejectBooking: (_root, { id, version, reason }, { bookings }) => bookings.reject(id, checkedVersion(version), reason),
  cancelBooking: (_root, { id, version, reason }, { bookings }) => bookings.cancel(id, checkedVersion(version), reason),
  startBooking: (_root, { id, version }, { bookings }) => bookings.start(id, checkedVersion(version)),
  completeBooking: (_root, { id, version, record }, { bookings }) =>
    bookings.complete(id, checkedVersion(version), record),
  markNoShow: (_root, { id, version }, { bookings }) => bookings.noShow(id, checkedVersion(version)),
  pushInstruments: async (_root, { records }, { instruments }) => {
    const results = await instruments.push(records);
    const count = (outcome: string) => results.filter((result) => result.outcome === outcome).length;
    return {
      added: count('ADDED'),
      updated: count('UPDATED'),
      unchanged: count('UNCHANGED'),
      rejected: count('REJECTED'),
      results,
    };
  },
};
