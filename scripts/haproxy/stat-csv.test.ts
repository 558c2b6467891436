import { describe, expect, it } from 'vitest';
import { parseShowStat, serverRows, serverStatuses, splitCsvLine } from './stat-csv';

/** Trimmed to a few of the ~100 columns HAProxy 2.6 prints; the parser goes by the header's names. */
const SHOW_STAT = [
  '# pxname,svname,qcur,scur,wretr,wredis,status,check_status,check_desc,',
  'public,FRONTEND,,0,,,OPEN,,,',
  'app,app1,0,0,0,0,UP,L7OK,"Layer7 check passed, 200",',
  'app,app2,0,0,0,3,DOWN,L7STS,Layer7 wrong status,',
  'app,BACKEND,0,0,0,3,UP,,,',
  'upload,upload1,0,0,0,0,UP 1/2,L7OK,,',
  'upload,upload2,0,0,0,0,MAINT,,,',
  'upload,BACKEND,0,0,0,0,UP,,,',
  '',
].join('\n');

describe('splitCsvLine', () => {
  it('splits on commas outside double quotes and undoubles quotes', () => {
    expect(splitCsvLine('a,"b,c",,"say ""hi"""')).toEqual(['a', 'b,c', '', 'say "hi"']);
  });
});

describe('parseShowStat', () => {
  it('maps every row by the header’s column names', () => {
    const rows = parseShowStat(SHOW_STAT);
    expect(rows).toHaveLength(7);
    expect(rows[1]).toMatchObject({ pxname: 'app', svname: 'app1', check_desc: 'Layer7 check passed, 200' });
  });

  it('refuses an answer that is not show stat (an error message of the runtime API)', () => {
    expect(() => parseShowStat('Unknown command.\n')).toThrow(/not a "show stat" answer/);
  });
});

describe('serverStatuses / serverRows', () => {
  it('keeps the servers, keyed backend/server, without the FRONTEND and BACKEND rows', () => {
    const rows = parseShowStat(SHOW_STAT);
    expect(serverStatuses(rows)).toEqual({
      'app/app1': 'UP',
      'app/app2': 'DOWN',
      'upload/upload1': 'UP 1/2',
      'upload/upload2': 'MAINT',
    });
    expect(serverRows(rows)['app/app2']?.wredis).toBe('3');
  });
});
