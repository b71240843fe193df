#!/usr/bin/python3
"""An MLLP receiver we did not write: python-hl7's asyncio server (hl7.mllp.start_hl7_server).

It answers each message according to the prefix of its MSH-10 (control id):
  AA* AE* AR* CA* CE* CR*  an ACK with that code, built by python-hl7 (Message.create_ack)
  GARBAGE*                 a frame that is not HL7
  MISMATCH*                an AA whose MSA-2 is another control id
  SILENT*                  no answer; the connection stays open
  CLOSE*                   closes the connection without answering
  TWICE*                   two AA frames in one write (the second answers nothing)
  SLOW<ms>*                an AA after <ms> milliseconds
  anything else            AA
Each received message is reported on stdout as "RECV <control id> <connection number>" (after the
answer is written); "PORT <n>" is printed once listening. Options: --port N, --tls CERT KEY [--ca CA]
(with --ca the peer requires a client certificate signed by CA).
"""
import argparse
import asyncio
import re
import ssl
import sys

import hl7
from hl7.mllp import start_hl7_server

connections = 0


def control_id(raw: bytes) -> str:
    text = raw.decode("latin1")
    msh = re.split(r"\r\n|\r|\n", text.lstrip())[0]
    sep = msh[3:4]
    fields = msh.split(sep)
    return fields[9] if len(fields) > 9 else ""


def ack(raw: bytes, code: str) -> bytes:
    message = hl7.parse(raw.decode("latin1"))
    return str(message.create_ack(code, message_id="PEER")).encode("latin1")


async def serve(reader, writer):
    global connections
    connections += 1
    number = connections
    try:
        while True:
            raw = await reader.readblock()
            cid = control_id(raw)
            head = cid[:8].upper()
            if head.startswith("GARBAGE"):
                writer.writeblock(b"this is not an acknowledgment")
            elif head.startswith("MISMATCH"):
                writer.writeblock(ack(raw, "AA").replace(("|" + cid).encode("latin1"), b"|SOMEONE-ELSE"))
            elif head.startswith("SILENT"):
                pass
            elif head.startswith("CLOSE"):
                print(f"RECV {cid} {number}", flush=True)
                writer.close()
                return
            elif head.startswith("TWICE"):
                one = ack(raw, "AA")
                writer.write(b"\x0b" + one + b"\x1c\r\x0b" + one + b"\x1c\r")
            elif head.startswith("SLOW"):
                delay = int(re.match(r"SLOW(\d+)", cid.upper()).group(1))
                await asyncio.sleep(delay / 1000)
                writer.writeblock(ack(raw, "AA"))
            else:
                code = head[:2] if head[:2] in ("AA", "AE", "AR", "CA", "CE", "CR") else "AA"
                writer.writeblock(ack(raw, code))
            await writer.drain()
            print(f"RECV {cid} {number}", flush=True)
    except (asyncio.IncompleteReadError, ConnectionResetError, BrokenPipeError):
        pass
    finally:
        writer.close()


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    parser.add_argument("--ca")
    args = parser.parse_args()
    context = None
    if args.tls:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.tls[0], args.tls[1])
        if args.ca:
            context.load_verify_locations(args.ca)
            context.verify_mode = ssl.CERT_REQUIRED
    server = await start_hl7_server(serve, "127.0.0.1", args.port, ssl=context)
    print(f"PORT {server.sockets[0].getsockname()[1]}", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(0)
