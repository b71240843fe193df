#!/usr/bin/env bash
# Drop-folder attacks against the running review daemon (start-daemon.sh): links, FIFO, socket,
# hard link, planted .hig-claims / owner dirs, links at the ACK and error report names, a pausing
# writer, a file growing after its claim, and a symlink swapped in a loop. Prints what ended
# where. Needs python3 (socket). Usage: bash bench/attack/file-attacks.sh
set -uo pipefail
ATK=${ATK:-/tmp/hig-review}; D=$ATK/drop; E=$ATK/err; A=$ATK/ack; O=$ATK/outside; DONE=$ATK/done
CAN=QXFILECANARY$RANDOM
msg() { printf 'MSH|^~\\&|FILEAPP|FILEFAC|HIG|HIG|20261129083015||ADT^A01^ADT_A01|%s|P|2.5.1\rEVN|A01|20261129083000\rPID|1||MRN1^^^F^MR||%s^Ann||19670412|F\rPV1|1|I\r' "$1" "$CAN"; }
stat_state() { echo "--- drop:"; ls -la $D | tail -n +4; echo "--- err:"; ls -la $E | tail -n +4; echo "--- ack:"; ls -la $A | tail -n +4; echo "--- done:"; ls $DONE; echo "--- outside:"; ls -la $O | tail -n +4; }
mkdir -p $O/secretdir
msg SECRET1 > $O/secret.hl7; msg SECRET2 > $O/secretdir/inner.hl7; echo "PRECIOUS" > $O/victim.txt
chmod 600 $O/secret.hl7
# 1 symlink to an outside file, 2 symlink to an outside dir, 3 hard link, 4 FIFO, 5 socket
ln -s $O/secret.hl7 $D/link-file.hl7
ln -s $O/secretdir $D/link-dir.hl7
ln $O/secret.hl7 $D/hard.hl7 2>/dev/null || cp $O/secret.hl7 $D/hard-cp-fallback.hl7
mkfifo $D/fifo.hl7
python3 -c "import socket;s=socket.socket(socket.AF_UNIX);s.bind('$D/sock.hl7')"
# 6 links at report names: <name>.ack in ackDir and <name>.error.json in errorDir point at victim
msg OKACK > $D/okack.hl7.part; ln -s $O/victim.txt $A/okack.hl7.ack; mv $D/okack.hl7.part $D/okack.hl7
printf 'garbage\r' > $D/bad.hl7.part; ln -s $O/victim.txt $E/bad.hl7.error.json; mv $D/bad.hl7.part $D/bad.hl7
# 7 planted claim dirs: .hig-claims/<host>~<deadpid>~x -> outside dir (host = this host)
mkdir -p $D/.hig-claims 2>/dev/null; ln -s $O/secretdir "$D/.hig-claims/$(hostname)~999999~x" 2>/dev/null || echo "(cannot plant in .hig-claims: $(ls -ld $D/.hig-claims))"
# 8 pausing writer: half a message, pause 4 s (> settleMs 1000 and > pollMs), then the rest
( printf 'MSH|^~\\&|FILEAPP|FILEFAC|HIG|HIG|20261129083015||ADT^A01^ADT_A01|PAUSE1|P|2.5.1\rEVN|A01|2026' > $D/pause.hl7; sleep 4; printf '1129083000\rPID|1||MRN2^^^F^MR||%s^Ann||19670412|F\rPV1|1|I\r' "$CAN" >> $D/pause.hl7 ) &
# 8b pausing writer that stops *between segments* (documented gap): MSH+EVN\r, pause, rest
( printf 'MSH|^~\\&|FILEAPP|FILEFAC|HIG|HIG|20261129083015||ADT^A01^ADT_A01|PAUSE2|P|2.5.1\rEVN|A01|20261129083000\r' > $D/pause2.hl7; sleep 4; printf 'PID|1||MRN3^^^F^MR||%s^Ann||19670412|F\rPV1|1|I\r' "$CAN" >> $D/pause2.hl7 ) &
# 9 batch with FHS/BHS whose writer pauses before BTS/FTS
( printf 'FHS|^~\\&|FILEAPP\rBHS|^~\\&|FILEAPP\r' > $D/batch.hl7; msg B1 >> $D/batch.hl7; sleep 4; msg B2 >> $D/batch.hl7; printf 'BTS|2\rFTS|1\r' >> $D/batch.hl7 ) &
# 10 a symlink swapped with a regular file in a tight loop for 6 s (race lstat/open)
( end=$((SECONDS+6)); i=0; while [ $SECONDS -lt $end ]; do msg RACE$i > $D/.race.tmp; mv -f $D/.race.tmp $D/race.hl7; ln -sfn $O/secret.hl7 $D/.race.lnk; mv -Tf $D/.race.lnk $D/race.hl7; i=$((i+1)); done; echo "race swaps: $i" ) &
wait
sleep 8
stat_state
echo "--- victim.txt now: $(cat $O/victim.txt)"
echo "--- secretdir still: $(ls $O/secretdir)"
echo "--- ack files content msa lines:"; for f in $A/*.ack; do [ -f "$f" ] && echo "$f: $(tr '\r' '\n' < "$f" | grep ^MSA | tr '\n' ' ')"; done
echo "--- error reports:"; for f in $E/*.error.json; do [ -f "$f" ] && echo "$f: $(head -c 400 "$f")"; done
echo "--- canary in log: $(grep -c "$CAN" $ATK/daemon.log)"
echo "CANARY=$CAN"
