#!/usr/bin/env python3
"""A minimal SMTP sink for the mail benchmark (P8): accepts every mail on 127.0.0.1:PORT and throws it away.

Speaks just enough SMTP for Jakarta Mail (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT; no AUTH, no STARTTLS).
It counts the mails it accepted and writes the count to COUNT_FILE every second and when it stops.

    bench/smtp_sink.py PORT COUNT_FILE
"""
import asyncio
import signal
import sys

accepted = 0


async def session(reader, writer):
    global accepted
    writer.write(b"220 bench-sink ESMTP\r\n")
    in_data = False
    try:
        while True:
            line = await reader.readline()
            if not line:
                break
            if in_data:
                if line in (b".\r\n", b".\n"):
                    in_data = False
                    accepted += 1
                    writer.write(b"250 2.0.0 accepted\r\n")
                    await writer.drain()
                continue
            verb = line[:4].upper()
            if verb == b"EHLO":
                writer.write(b"250-bench-sink\r\n250-8BITMIME\r\n250 SIZE 52428800\r\n")
            elif verb == b"DATA":
                in_data = True
                writer.write(b"354 end with <CRLF>.<CRLF>\r\n")
            elif verb == b"QUIT":
                writer.write(b"221 bye\r\n")
                await writer.drain()
                break
            else:  # HELO, MAIL, RCPT, RSET, NOOP
                writer.write(b"250 ok\r\n")
            await writer.drain()
    finally:
        writer.close()


async def main(port, count_file):
    server = await asyncio.start_server(session, "127.0.0.1", port)
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        asyncio.get_running_loop().add_signal_handler(sig, stop.set)

    async def report():
        while True:
            with open(count_file, "w") as f:
                f.write(f"{accepted}\n")
            await asyncio.sleep(1)

    reporter = asyncio.create_task(report())
    async with server:
        await stop.wait()
    reporter.cancel()
    with open(count_file, "w") as f:
        f.write(f"{accepted}\n")


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), sys.argv[2]))
