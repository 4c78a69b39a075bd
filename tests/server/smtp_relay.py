"""A real SMTP relay for the messaging tests (Debian's python3-aiosmtpd), on a free loopback port.

    smtp_relay.py --dir DIR --mode starttls|implicit-tls|plaintext [--cert C --key K] [--user U --password P]
                  [--port N] [--refuse-first N]

starttls: TLS only after STARTTLS, which is required, and AUTH only over it (a submission relay).
implicit-tls: TLS from the first byte (smtps). plaintext: no TLS offered, yet AUTH is, in clear: the
trap a client must not fall into. AUTH is required in every mode when --user is given. --refuse-first N
answers the first N messages' DATA with a temporary failure (451), as a relay under load does; --port
listens on that port (a relay started again where it was). Mail to unknown@… is refused for good (550).
Prints "port N" once listening. Appends each accepted message to DIR/messages.jsonl (envelope, raw
text, the subject and body as Python's email parser decodes them) and each AUTH to DIR/auth.log.
"""
import argparse
import asyncio
import email
import email.policy
import json
import os
import socket
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    parser.add_argument("--mode", choices=["starttls", "implicit-tls", "plaintext"], required=True)
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--refuse-first", type=int, default=0)
    return parser.parse_args()


class Recorder:
    def __init__(self, folder, refuse_first):
        self.folder = folder
        self.refusals_left = refuse_first

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("unknown@"):  # a mailbox that does not exist: refused for good
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.refusals_left > 0:
            self.refusals_left -= 1
            with open(os.path.join(self.folder, "refused.log"), "a", encoding="utf-8") as log:
                log.write("451\n")
            return "451 4.3.0 try again later"
        parsed = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
        plain = parsed.get_body(preferencelist=("plain",))
        html = parsed.get_body(preferencelist=("html",))
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "tls": session.ssl is not None or server.transport.get_extra_info("sslcontext") is not None,
            "login": session.auth_data.login.decode() if session.auth_data else "",
            "raw": (envelope.original_content or envelope.content).decode("utf-8", "replace"),
            "subject": str(parsed["subject"]),
            "body": plain.get_content() if plain is not None else "",
            "html": html.get_content() if html is not None else "",
            "content_type": parsed.get_content_type(),
            "message_id": str(parsed["message-id"] or ""),
            "references": str(parsed["references"] or ""),
            "list_unsubscribe": str(parsed["list-unsubscribe"] or ""),
            "list_unsubscribe_post": str(parsed["list-unsubscribe-post"] or ""),
            "defects": [type(d).__name__ for d in parsed.defects],
        }
        with open(os.path.join(self.folder, "messages.jsonl"), "a", encoding="utf-8") as out:
            out.write(json.dumps(record) + "\n")
        return "250 2.0.0 queued"


def authenticator_for(args):
    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword) and auth_data.login.decode() == args.user
              and auth_data.password.decode() == args.password)
        with open(os.path.join(args.dir, "auth.log"), "a", encoding="utf-8") as log:
            log.write(f"{mechanism} {'ok' if ok else 'refused'}\n")
        return AuthResult(success=ok, handled=False, auth_data=auth_data)
    return authenticate


async def main():
    args = parse_args()
    tls = None
    if args.mode != "plaintext":
        tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls.load_cert_chain(args.cert, args.key)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", args.port))
    listener.listen()
    auth = {}
    if args.user:
        # Implicit TLS is TLS for the whole session, which aiosmtpd only counts after STARTTLS.
        auth = {"auth_required": True, "authenticator": authenticator_for(args),
                "auth_require_tls": args.mode == "starttls"}

    recorder = Recorder(args.dir, args.refuse_first)

    def session():
        return SMTP(recorder, hostname="relay.test", tls_context=tls if args.mode == "starttls" else None,
                    require_starttls=args.mode == "starttls", **auth)

    loop = asyncio.get_running_loop()
    server = await loop.create_server(session, sock=listener, ssl=tls if args.mode == "implicit-tls" else None)
    print(f"port {listener.getsockname()[1]}", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(0)
