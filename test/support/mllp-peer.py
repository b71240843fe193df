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
On demand (--control): stdin lines "ANSWER <control id> <AA|AE|AR|CA|CE|CR>" fix the answer to that
control id, whatever its prefix ("ANSWER <control id> DEFAULT" clears it); each is confirmed on
stdout as "SET <control id> <code>". --save DIR writes each received message, as received, to
DIR/<n>-<control id>.hl7 before it is reported.
Each received message is reported on stdout as "RECV <control id> <connection number>" (after the
answer is written); "PORT <n>" is printed once listening. Options: --port N, --tls CERT KEY [--ca CA]
(with --ca the peer requires a client certificate signed by CA).
"""
import argparse
import asyncio
import os
import re
import ssl
import sys

import hl7
from hl7.mllp import start_hl7_server

connections = 0
answers = {}
save_dir = None
saved = 0


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
    global connections, saved
    connections += 1
    number = connections
    try:
        while True:
            raw = await reader.readblock()
            cid = control_id(raw)
            head = cid[:8].upper()
            if save_dir is not None:
                saved += 1
                with open(os.path.join(save_dir, f"{saved:06d}-{re.sub(r'[^A-Za-z0-9._-]', '_', cid)}.hl7"), "wb") as f:
                    f.write(raw)
            if cid in answers:
                writer.writeblock(ack(raw, answers[cid]))
            elif head.startswith("GARBAGE"):
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


async def control():
    reader = asyncio.StreamReader()
    await asyncio.get_running_loop().connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while True:
        line = await reader.readline()
        if not line:
            return
        parts = line.decode().split()
        if len(parts) == 3 and parts[0] == "ANSWER":
            if parts[2] == "DEFAULT":
                answers.pop(parts[1], None)
            else:
                answers[parts[1]] = parts[2]
            print(f"SET {parts[1]} {parts[2]}", flush=True)


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    parser.add_argument("--ca")
    parser.add_argument("--control", action="store_true")
    parser.add_argument("--save")
    args = parser.parse_args()
    global save_dir
    save_dir = args.save
    context = None
    if args.tls:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.tls[0], args.tls[1])
        if args.ca:
            context.load_verify_locations(args.ca)
            context.verify_mode = ssl.CERT_REQUIRED
    server = await start_hl7_server(serve, "127.0.0.1", args.port, ssl=context)
    print(f"PORT {server.sockets[0].getsockname()[1]}", flush=True)
    if args.control:
        asyncio.get_running_loop().create_task(control())
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(0)
