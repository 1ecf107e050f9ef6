"""A real SMTP server for tests (aiosmtpd): stores every accepted message in a folder.

Usage: smtp_sink.py --dir DIR [--user U --password P] [--reject ADDR]... [--defer ADDR]...

Listens on a free 127.0.0.1 port and prints `listening <port>` on stdout once it accepts connections.
Each accepted message becomes `<n>.json` ({"mailFrom", "rcptTos", "raw"}), written atomically before the
server answers 250, so a client that saw its message accepted finds the file. With --user/--password,
AUTH LOGIN/PLAIN is offered without TLS and required before MAIL. A --reject recipient is answered
550, a --defer recipient 451. Stops on SIGTERM/SIGINT.
"""

import argparse
import asyncio
import itertools
import json
import os
import signal
import warnings

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Sink:
    def __init__(self, folder, reject, defer):
        self.folder = folder
        self.reject = {a.lower() for a in reject}
        self.defer = {a.lower() for a in defer}
        self.counter = itertools.count(1)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.reject:
            return "550 5.1.1 <%s>: mailbox unavailable" % address
        if address.lower() in self.defer:
            return "451 4.3.0 <%s>: try again later" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        n = next(self.counter)
        record = {
            "mailFrom": envelope.mail_from,
            "rcptTos": list(envelope.rcpt_tos),
            "raw": envelope.original_content.decode("utf-8", errors="replace"),
        }
        tmp = os.path.join(self.folder, "%06d.tmp" % n)
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(record, f)
        os.replace(tmp, os.path.join(self.folder, "%06d.json" % n))
        return "250 Message accepted for delivery"


def authenticator_for(user, password):
    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login == user.encode()
            and auth_data.password == password.encode()
        )
        # handled=False: aiosmtpd answers 535 itself on failure.
        return AuthResult(success=ok, handled=False)

    return authenticate


async def main():
    # aiosmtpd warns that AUTH without TLS is unsafe: intended here, loopback only.
    warnings.simplefilter("ignore")
    p = argparse.ArgumentParser()
    p.add_argument("--dir", required=True)
    p.add_argument("--user")
    p.add_argument("--password")
    p.add_argument("--reject", action="append", default=[])
    p.add_argument("--defer", action="append", default=[])
    args = p.parse_args()

    handler = Sink(args.dir, args.reject, args.defer)
    auth = {}
    if args.user is not None:
        auth = dict(
            authenticator=authenticator_for(args.user, args.password or ""),
            auth_required=True,
            auth_require_tls=False,
        )

    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(handler, hostname="sink.capeo.test", **auth), host="127.0.0.1", port=0
    )
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    print("listening %d" % server.sockets[0].getsockname()[1], flush=True)
    await stop.wait()
    server.close()
    await server.wait_closed()


if __name__ == "__main__":
    asyncio.run(main())
