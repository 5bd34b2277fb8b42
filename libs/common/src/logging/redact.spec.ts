import { redactQuery, redactUrl } from './redact';

describe('redactUrl', () => {
  it.each([
    [
      '/api/action-links/acknowledge?assignment=a1&token=abcDEF123456.ghiJKL789012',
      '/api/action-links/acknowledge?assignment=a1&token=[redacted]',
    ],
    [
      '/api/action-links/acknowledge?token=abc&assignment=a1',
      '/api/action-links/acknowledge?token=[redacted]&assignment=a1',
    ],
    ['/api/calendar/feeds/Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5.ics', '/api/calendar/feeds/[redacted]'],
    ['/api/calendar/feeds/Zm9vYmFy.ics?x=1', '/api/calendar/feeds/[redacted]?x=1'],
    ['/api/tasks?page=2', '/api/tasks?page=2'],
  ])('%s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });

  it('redacts secret query values in a parsed query', () => {
    expect(redactQuery({ assignment: 'a1', token: 'secret' })).toEqual({
      assignment: 'a1',
      token: '[redacted]',
    });
  });
});
