# A writer that keeps its descriptor after a complete first message, waits until hig claims the
# file (it leaves the drop folder), then appends a second message through the same descriptor.
# Prints where the bytes ended and which control ids hig acknowledged in the ACK file.
# Usage: python3 bench/attack/file-grow.py [rounds]
import os, sys, time, glob
ATK = os.environ.get('ATK', '/tmp/hig-review'); D = ATK + '/drop'
def msg(c): return ('MSH|^~\\&|GROWAPP|GROWFAC|HIG|HIG|20261129083015||ADT^A01^ADT_A01|%s|P|2.5.1\rEVN|A01|20261129083000\rPID|1||MRN9^^^F^MR||QXGROW^Ann||19670412|F\rPV1|1|I\r' % c).encode()
rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
for r in range(rounds):
    name = 'grow%d-%d.hl7' % (r, int(time.time()))
    fd = os.open(D + '/' + name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    os.write(fd, msg('GROW%dA' % r))
    t0 = time.time()
    while os.path.exists(D + '/' + name) and time.time() - t0 < 60: time.sleep(0.002)
    os.write(fd, msg('GROW%dB' % r)); os.close(fd)
    time.sleep(6)
    where = {p: os.path.getsize(p) for p in glob.glob(ATK + '/*/' + name) + glob.glob(ATK + '/drop/.hig-claims/*/' + name)}
    ack = ATK + '/ack/' + name + '.ack'
    msa = [l for l in open(ack, 'rb').read().split(b'\r') if l.startswith(b'MSA')] if os.path.exists(ack) else None
    print(name, 'claimed after %.2fs' % (time.time() - t0 - 6), where, 'ack:', msa)
