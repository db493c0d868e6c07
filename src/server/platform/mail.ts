/**
 * Outgoing mail (issue 15: reminders by e-mail where configured). A Mailer sends one plain-text
 * message; `smtpMailer` speaks just enough SMTP (RFC 5321) over a plain connection to a relay the
 * school runs (smtp://[user:password@]host[:port]?from=address): EHLO, AUTH PLAIN when a user is
 * given, MAIL FROM, RCPT TO, DATA, QUIT. No TLS: point it at a local relay (postfix, the school
 * server's MTA) that forwards securely. Configured by SODIEM_SMTP_URL (env.ts).
 */
import { connect } from 'node:net';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** A header value in RFC 2047 encoded-word form when it is not plain ASCII (Vietnamese subjects). */
function headerValue(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}

/** Base64 body lines of at most 76 characters. */
function base64Lines(text: string): string {
  return (Buffer.from(text.replace(/\r?\n/g, '\r\n'), 'utf8').toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');
}

const plainAddress = (a: string) => /^[^\s<>@,;:"]+@[^\s<>@,;:"]+$/.test(a);

/** `now`: the process's one clock (the Date header). */
export function smtpMailer(url: string, options: { now: () => Date; timeoutMs?: number }): Mailer {
  const u = new URL(url);
  if (u.protocol !== 'smtp:') throw new Error('SODIEM_SMTP_URL phải bắt đầu bằng smtp://');
  const host = u.hostname;
  const port = Number(u.port || 25);
  const from = u.searchParams.get('from') || `sodiem@${host}`;
  const user = decodeURIComponent(u.username);
  const password = decodeURIComponent(u.password);
  const timeoutMs = options.timeoutMs ?? 15_000;

  return {
    async send(m) {
      if (!plainAddress(m.to) || !plainAddress(from)) throw new Error(`Địa chỉ thư không hợp lệ: ${m.to}`);
      const socket = connect({ host, port });
      socket.setEncoding('utf8');
      socket.setTimeout(timeoutMs, () => socket.destroy(new Error('Máy chủ thư không trả lời.')));
      let buffer = '';
      const waiting: ((line: string) => void)[] = [];
      let failure: Error | null = null;
      const failAll = (e: Error) => {
        failure = e;
        for (const w of waiting.splice(0)) w(`ERR ${e.message}`);
      };
      socket.on('error', failAll);
      socket.on('close', () => failAll(new Error('Máy chủ thư đóng kết nối.')));
      socket.on('data', (chunk: string) => {
        buffer += chunk;
        let i: number;
        // A reply ends with a line "NNN text" (a dash after the code means more lines follow).
        while ((i = buffer.indexOf('\r\n')) >= 0) {
          const line = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          if (/^\d{3}-/.test(line)) continue;
          waiting.shift()?.(line);
        }
      });
      const reply = () => new Promise<string>((resolve) => (failure ? resolve(`ERR ${(failure as Error).message}`) : waiting.push(resolve)));
      const expect = async (code: string, what: string) => {
        const line = await reply();
        if (!line.startsWith(code)) throw new Error(`Gửi thư thất bại ở bước ${what}: ${line}`);
      };
      const command = async (line: string, code: string, what = line.split(' ')[0]) => {
        const answer = reply();
        socket.write(`${line}\r\n`);
        const got = await answer;
        if (!got.startsWith(code)) throw new Error(`Gửi thư thất bại ở bước ${what}: ${got}`);
      };
      try {
        await expect('220', 'kết nối');
        await command('EHLO sodiem', '250');
        if (user) await command(`AUTH PLAIN ${Buffer.from(`\0${user}\0${password}`).toString('base64')}`, '235', 'AUTH');
        await command(`MAIL FROM:<${from}>`, '250', 'MAIL FROM');
        await command(`RCPT TO:<${m.to}>`, '250', 'RCPT TO');
        await command('DATA', '354');
        const date = options.now().toUTCString();
        const message = [
          `From: ${from}`,
          `To: ${m.to}`,
          `Subject: ${headerValue(m.subject)}`,
          `Date: ${date}`,
          'MIME-Version: 1.0',
          'Content-Type: text/plain; charset=UTF-8',
          'Content-Transfer-Encoding: base64',
          '',
          base64Lines(m.text),
        ].join('\r\n');
        await command(`${message}\r\n.`, '250', 'DATA');
        await command('QUIT', '221');
      } finally {
        socket.destroy();
      }
    },
  };
}

/** The configured mailer, or null when the school has none (reminders stay in the app). */
export function configuredMailer(smtpUrl: string | null, now: () => Date): Mailer | null {
  return smtpUrl ? smtpMailer(smtpUrl, { now }) : null;
}
