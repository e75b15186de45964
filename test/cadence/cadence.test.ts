import { describe, expect, it } from 'vitest';
import { cadenceFromRow, cadenceToRow, parseFrequency, sendsOn, type Cadence } from '../../src/cadence/cadence.js';

const words = (text: string) => text.split(/\s+/u).filter(Boolean);
const parse = (text: string, current = '08:00') => parseFrequency(words(text), current);

describe('/frequency arguments', () => {
  it.each<[string, Cadence]>([
    ['daily', { kind: 'daily', time: '08:00' }],
    ['daily 7:15', { kind: 'daily', time: '07:15' }],
    ['twice 08:00 18:00', { kind: 'twice', times: ['08:00', '18:00'] }],
    ['twice 18:00 8', { kind: 'twice', times: ['08:00', '18:00'] }],
    ['Twice a day at 9:30 and 21:00', { kind: 'twice', times: ['09:30', '21:00'] }],
    ['weekdays', { kind: 'weekdays', time: '08:00' }],
    ['weekdays 06:45', { kind: 'weekdays', time: '06:45' }],
    ['weekly mon 09:00', { kind: 'weekly', day: 'mon', time: '09:00' }],
    ['weekly on Friday at 18:30', { kind: 'weekly', day: 'fri', time: '18:30' }],
    ['weekly sun', { kind: 'weekly', day: 'sun', time: '08:00' }],
    ['еженедельно в пятницу 18:00', { kind: 'weekly', day: 'fri', time: '18:00' }],
    ['дважды 8:00 20:00', { kind: 'twice', times: ['08:00', '20:00'] }],
    ['будни 7:00', { kind: 'weekdays', time: '07:00' }],
    ['ежедневно', { kind: 'daily', time: '08:00' }],
  ])('when /frequency %s is sent, then the cadence is read', (text, cadence) => {
    expect(parse(text)).toEqual({ kind: 'ok', cadence });
  });

  it('when a time is left out, then the chat keeps its present time', () => {
    expect(parse('weekly wed', '06:10')).toEqual({ kind: 'ok', cadence: { kind: 'weekly', day: 'wed', time: '06:10' } });
  });

  it.each([
    ['hourly', { kind: 'unknown', word: 'hourly' }],
    ['', { kind: 'unknown', word: '' }],
    ['twice 08:00', { kind: 'twiceNeedsTwo' }],
    ['twice 08:00 12:00 18:00', { kind: 'twiceNeedsTwo' }],
    ['twice 08:00 8', { kind: 'sameTimes', time: '08:00' }],
    ['weekly', { kind: 'weeklyNeedsDay' }],
    ['weekly 09:00', { kind: 'weeklyNeedsDay' }],
    ['weekly funday 09:00', { kind: 'badDay', word: 'funday' }],
    ['daily 25:00', { kind: 'badTime', word: '25:00' }],
    ['daily 08:00 09:00', { kind: 'badTime', word: '09:00' }],
  ])('when /frequency %s is sent, then the answer says what is wrong', (text, answer) => {
    expect(parse(text)).toEqual(answer);
  });
});

describe('a cadence in the chat row', () => {
  it.each<Cadence>([
    { kind: 'daily', time: '08:00' },
    { kind: 'twice', times: ['06:00', '23:30'] },
    { kind: 'weekdays', time: '07:00' },
    { kind: 'weekly', day: 'sat', time: '10:00' },
  ])('when %o is stored, then it reads back the same', (cadence) => {
    const row = cadenceToRow(cadence);
    expect(cadenceFromRow(row.digestTime, row.cadence)).toEqual(cadence);
  });

  it('when /time moved the first twice-daily time past the second, then the two read back in order', () => {
    expect(cadenceFromRow('20:00', 'twice 18:00')).toEqual({ kind: 'twice', times: ['18:00', '20:00'] });
  });

  it('when the stored text is unreadable or a twice-daily one has the same time twice, then it reads as daily at the time', () => {
    expect(cadenceFromRow('08:00', 'fortnightly')).toEqual({ kind: 'daily', time: '08:00' });
    expect(cadenceFromRow('08:00', 'twice 08:00')).toEqual({ kind: 'daily', time: '08:00' });
  });

  it('when the cadence is weekdays, then it sends Monday to Friday only; weekly on its one day', () => {
    const weekdays: Cadence = { kind: 'weekdays', time: '08:00' };
    expect([0, 1, 2, 3, 4, 5, 6].map((d) => sendsOn(weekdays, d))).toEqual([false, true, true, true, true, true, false]);
    expect([0, 1, 2, 3, 4, 5, 6].map((d) => sendsOn({ kind: 'weekly', day: 'sun', time: '08:00' }, d))).toEqual([true, false, false, false, false, false, false]);
  });
});
