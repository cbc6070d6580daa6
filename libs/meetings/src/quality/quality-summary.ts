import type { MeetingQualityResponse, MeetingResponse, ParticipantQualityResponse } from '@enclave/contracts';
import { attendedSeconds, meetingSeconds, type MeetingRecord, type ParticipantQualityRecord } from '../meetings/meeting.record.js';

const round = (value: number) => Math.round(value * 100) / 100;
const average = (sum: number, samples: number) => (samples > 0 ? round(sum / samples) : null);

/** Per-participant averages and peaks from the running sums, and the meeting's overall figures. */
export function toQualityResponse(meetingResponse: MeetingResponse, meeting: MeetingRecord, rows: readonly ParticipantQualityRecord[], now: Date): MeetingQualityResponse {
  const participants: ParticipantQualityResponse[] = rows.map((r) => ({
    participantId: r.id,
    userId: r.userId,
    displayName: r.displayName,
    joinedAt: r.joinedAt?.toISOString() ?? null,
    leftAt: r.leftAt?.toISOString() ?? null,
    durationSeconds: attendedSeconds(r, now),
    samples: r.samples,
    lossAvgPercent: average(r.lossSum, r.lossSamples),
    lossPeakPercent: r.lossPeak,
    rttAvgMs: average(r.rttSum, r.rttSamples),
    rttPeakMs: r.rttPeak,
    jitterAvgMs: average(r.jitterSum, r.jitterSamples),
    bitrateInAvgKbps: average(r.bitrateInSum, r.bitrateSamples),
    bitrateOutAvgKbps: average(r.bitrateOutSum, r.bitrateSamples),
    framesDecoded: r.framesDecoded,
    framesDropped: r.framesDropped,
  }));
  const sum = (pick: (r: ParticipantQualityRecord) => number) => rows.reduce((total, r) => total + pick(r), 0);
  const peak = (values: Array<number | null>) => values.reduce<number | null>((max, v) => (v !== null && (max === null || v > max) ? v : max), null);
  return {
    meeting: meetingResponse,
    durationSeconds: meetingSeconds(meeting, now),
    lossAvgPercent: average(sum((r) => r.lossSum), sum((r) => r.lossSamples)),
    lossPeakPercent: peak(rows.map((r) => r.lossPeak)),
    rttAvgMs: average(sum((r) => r.rttSum), sum((r) => r.rttSamples)),
    rttPeakMs: peak(rows.map((r) => r.rttPeak)),
    participants,
  };
}
