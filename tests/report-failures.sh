#!/usr/bin/env bash
# Prints, at the end of a test run, what went wrong in it, read from the TRX files in the given
# folder: each failed test with its message, and each run-level error (a fixture's OneTimeSetUp or
# OneTimeTearDown that threw, a test host that crashed). The console shows those far above the end
# of a long log, and a run-level error only as "Test Run Failed" beside "Passed: N of N"; CI logs are
# often read from the tail. Prints nothing when nothing failed.
set -euo pipefail
folder="${1:?usage: report-failures.sh RESULTS_FOLDER}"
shopt -s nullglob
files=("$folder"/*.trx)
(( ${#files[@]} )) || exit 0

perl -0777 -ne '
    sub text { my $t = shift; $t =~ s/&lt;/</g; $t =~ s/&gt;/>/g; $t =~ s/&quot;/"/g; $t =~ s/&apos;/\x27/g; $t =~ s/&amp;/&/g;
               my @lines = grep { /\S/ } split /\n/, $t; splice(@lines, 12) if @lines > 12; join("\n      ", @lines) }
    my ($run) = $ARGV =~ m{([^/]+)\.trx$};
    my %class = map { m{id="([^"]+)".*?<TestMethod[^>]*className="([^"]+)"}s } m{(<UnitTest\b.*?</UnitTest>)}gs;
    while (m{<UnitTestResult\b([^>]*?)outcome="Failed"(.*?)</UnitTestResult>}gs) {
        my ($attrs, $body) = ($1 . $2, $2);
        my ($name) = $attrs =~ /testName="([^"]*)"/;
        my ($id) = $attrs =~ /testId="([^"]*)"/;
        $name = "$class{$id}.$name" if $class{$id};
        my ($message) = $body =~ m{<Message>(.*?)</Message>}s;
        push @out, "  FAILED  " . text($name) . "\n      " . text($message // "(no message)");
        # Where it threw, in the project'\''s own code: a timeout says nothing of which request timed out.
        my ($stack) = $body =~ m{<StackTrace>(.*?)</StackTrace>}s;
        my @ours = grep { /\bat Governance\./ } split /\n/, ($stack // "");
        splice(@ours, 8) if @ours > 8;
        push @out, "      where:\n        " . join("\n        ", map { my $l = text($_); $l =~ s/^\s+//; $l } @ours) if @ours;
        # The services'\'' own words on why (warnings, errors, process headers of a fault drill), bounded:
        # a CI log is read from its tail, and the TRX itself is gone with the machine.
        my ($stdout) = $body =~ m{<StdOut>(.*?)</StdOut>}s;
        my ($keep, @said) = (0);
        for (split /\n/, ($stdout // "")) {   # a console log line "warn: Category" is followed by its message
            if (/=====|\b(warn|fail|crit|error)\b|Exception/i) { push @said, $_; $keep = 1 }
            elsif ($keep) { push @said, $_; $keep = 0 }
        }
        push @out, "      output (warnings and errors, last 40):\n        " . join("\n        ", map { text($_) } @said[-40 .. -1]) if @said > 40;
        push @out, "      output (warnings and errors):\n        " . join("\n        ", map { text($_) } @said) if @said && @said <= 40;
    }
    while (m{<RunInfo\b[^>]*outcome="Error"[^>]*>\s*<Text>(.*?)</Text>}gs) {
        push @out, "  ERROR   " . text($1);
    }
    print "--- $run\n", join("\n", @out), "\n" if @out;
    @out = ();
' "${files[@]}" > "$folder/failures.txt"

if [[ -s "$folder/failures.txt" ]]; then
    echo
    echo "===== What failed in this run (from the TRX files in $folder) ====="
    cat "$folder/failures.txt"
fi
