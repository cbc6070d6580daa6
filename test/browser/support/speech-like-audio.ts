import { writeFileSync } from 'node:fs';

const SAMPLE_RATE = 48_000;

/**
 * A WAV file Chromium can play as its fake microphone (`--use-file-for-fake-audio-capture`) that
 * sounds like talking to the SFU's speaking detector: 200 ms "syllables" of a voiced sound (a
 * fundamental between 120 and 240 Hz with five harmonics, the pitch moving from one to the next)
 * with 100 ms gaps, for 2.4 s, then 0.6 s of silence; it loops. Chromium's own fake microphone
 * only beeps for 20 ms twice a second, which is (rightly) not speech.
 */
export function writeSpeechLikeWav(path: string): void {
  const seconds = 3;
  const samples = new Int16Array(SAMPLE_RATE * seconds);
  const syllableMs = 200;
  const gapMs = 100;
  for (let syllable = 0; (syllable + 1) * (syllableMs + gapMs) <= 2400; syllable++) {
    const start = Math.round((syllable * (syllableMs + gapMs) * SAMPLE_RATE) / 1000);
    const length = Math.round((syllableMs * SAMPLE_RATE) / 1000);
    const f0 = 120 + ((syllable * 37) % 120);
    let phase = 0;
    for (let i = 0; i < length; i++) {
      const progress = i / length;
      const pitch = f0 * (1 + 0.08 * Math.sin(progress * Math.PI));
      phase += (2 * Math.PI * pitch) / SAMPLE_RATE;
      // Raised-cosine envelope: no clicks at the edges.
      const envelope = 0.5 - 0.5 * Math.cos(2 * Math.PI * progress);
      let value = 0;
      for (let harmonic = 1; harmonic <= 6; harmonic++) value += Math.sin(harmonic * phase) / harmonic;
      samples[start + i] = Math.round(0.35 * envelope * value * 32_767);
    }
  }
  const data = Buffer.from(samples.buffer);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(SAMPLE_RATE, 24);
  header.writeUInt32LE(SAMPLE_RATE * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  writeFileSync(path, Buffer.concat([header, data]));
}
