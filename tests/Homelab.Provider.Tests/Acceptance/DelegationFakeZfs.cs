namespace Homelab.Provider.Tests.Acceptance;

/// <summary>
/// A test-only <c>zfs</c> for delegation: this machine's zfs is zfs-fuse, whose <c>zfs allow</c>
/// fails ("pyzfs.py not found") and which checks no per-user permissions at all, so the real
/// OpenZFS <c>zfs allow</c> is NOT exercised by the tests that use this. The fake implements
/// <c>zfs allow -h</c> (a permission table in OpenZFS' usage layout), <c>zfs allow</c>/<c>unallow</c>
/// with <c>-u</c>/<c>-g</c>/<c>-e</c> and <c>-l</c>/<c>-d</c> over a state file (one grant per line:
/// dataset, kind, name, scope letter, permission; local and descendant grants stored apart as
/// OpenZFS does), and <c>zfs allow &lt;dataset&gt;</c> printing that file in OpenZFS' listing format,
/// including permission sets and create-time permissions seeded by the test. Every other
/// subcommand goes to the zfs-fuse compat shim and from there to the real zfs.
/// </summary>
internal static class DelegationFakeZfs
{
    /// <summary>Installs the fake as <c>zfs</c> in <paramref name="host"/>'s bin dir; returns the path of its state file.</summary>
    public static string Install(HostFixture host)
    {
        var compat = host.File("zfs-compat");
        Executable.Write(compat, File.ReadAllText(RepositoryRoot.Combine("scripts", "zfs-fuse-compat", "zfs")));
        var state = host.File("zfs-allow.state");
        File.WriteAllText(state, "");
        host.WriteShim("zfs", Script.Replace("@COMPAT@", compat, StringComparison.Ordinal).Replace("@STATE@", state, StringComparison.Ordinal));
        return state;
    }

    private const string Script = """
        #!/usr/bin/perl
        # Test-only fake of OpenZFS `zfs allow`/`unallow` (see DelegationFakeZfs.cs); everything else is the real zfs.
        use strict; use warnings;
        my $compat = '@COMPAT@';
        my $state = '@STATE@';
        exec($compat, @ARGV) unless @ARGV && ($ARGV[0] eq 'allow' || $ARGV[0] eq 'unallow');
        my $verb = shift @ARGV;
        if ($verb eq 'allow' && @ARGV == 1 && $ARGV[0] eq '-h') {
          printf "%-16s %-14s\t%s\n", @$_ for (['NAME','TYPE','NOTES'],
            ['allow','subcommand','Must also have the permission that is being allowed'],
            ['clone','subcommand','Must also have the \'create\' ability and \'mount\''],
            ['create','subcommand','Must also have the \'mount\' ability.'],
            ['destroy','subcommand','Must also have the \'mount\' ability'],
            ['hold','subcommand','Allows adding a user hold to a snapshot'],
            ['mount','subcommand','Allows mounting/umounting ZFS datasets'],
            ['receive','subcommand','Must also have the \'mount\' and \'create\' ability'],
            ['release','subcommand','Allows releasing a user hold which might destroy the snapshot'],
            ['send','subcommand',''],
            ['snapshot','subcommand','Must also have the \'mount\' ability'],
            ['userprop','other','Allows changing any user property'],
            ['compression','property',''],
            ['mountpoint','property',''],
          );
          exit 0;
        }
        sub load { open(my $f, '<', $state) or die "fake zfs: $state: $!"; my @g = map { chomp; [split /\t/] } grep { /\S/ } <$f>; close $f; @g }
        sub save { open(my $f, '>', "$state.tmp") or die; print $f join("\t", @$_), "\n" for @_; close $f; rename("$state.tmp", $state) or die }
        if (@ARGV == 1) {
          my $ds = $ARGV[0];
          open(my $null, '>', '/dev/null'); open(my $save, '>&', \*STDOUT); open(STDOUT, '>&', $null);
          my $rc = system($compat, 'list', '-H', '-o', 'name', $ds); open(STDOUT, '>&', $save);
          if ($rc != 0) { exit 1; }
          my @g = grep { $_->[0] eq $ds } load();
          exit 0 unless @g;
          my $head = "---- Permissions on $ds ";
          print $head, '-' x (70 - length $head), "\n";
          my @sets = grep { $_->[1] eq 'set' } @g;
          if (@sets) { print "Permission sets:\n"; my %s; push @{$s{$_->[2]}}, $_->[4] for @sets; print "\t$_ ", join(',', sort @{$s{$_}}), "\n" for sort keys %s; }
          my @create = grep { $_->[1] eq 'create' } @g;
          if (@create) { print "Create time permissions:\n\t", join(',', sort map { $_->[4] } @create), "\n"; }
          my %who;
          for (grep { $_->[1] =~ /^(user|group|everyone)$/ } @g) { $who{"$_->[1]\t$_->[2]"}{$_->[4]}{$_->[3]} = 1; }
          for my $sec (['Local permissions:', 1, 0], ['Descendent permissions:', 0, 1], ['Local+Descendent permissions:', 1, 1]) {
            my ($title, $l, $d) = @$sec; my $printed = 0;
            for my $w (sort keys %who) {
              my @p = sort grep { ($who{$w}{$_}{l} ? 1 : 0) == $l && ($who{$w}{$_}{d} ? 1 : 0) == $d } keys %{$who{$w}};
              next unless @p;
              print "$title\n" unless $printed++;
              my ($kind, $name) = split /\t/, $w;
              print $kind eq 'everyone' ? "\teveryone " : "\t$kind $name ", join(',', @p), "\n";
            }
          }
          exit 0;
        }
        my ($kind, $name, $l, $d);
        while (@ARGV && $ARGV[0] =~ /^-/) {
          my $o = shift @ARGV;
          if ($o eq '-u') { $kind = 'user'; $name = shift @ARGV; }
          elsif ($o eq '-g') { $kind = 'group'; $name = shift @ARGV; }
          elsif ($o eq '-e') { $kind = 'everyone'; $name = '-'; }
          elsif ($o =~ /^-([ld]+)$/) { my $f = $1; $l = 1 if $f =~ /l/; $d = 1 if $f =~ /d/; }
          else { print STDERR "fake zfs: unsupported option $o\n"; exit 2; }
        }
        die "fake zfs: usage: zfs $verb -u|-g|-e [-l] [-d] perms dataset\n" unless defined $kind && @ARGV == 2;
        ($l, $d) = (1, 1) unless $l || $d;
        my ($perms, $ds) = @ARGV;
        open(my $null, '>', '/dev/null'); open(my $save, '>&', \*STDOUT); open(STDOUT, '>&', $null);
        my $rc = system($compat, 'list', '-H', '-o', 'name', $ds); open(STDOUT, '>&', $save);
        exit 1 if $rc != 0;
        my @g = load();
        for my $p (split /,/, $perms) {
          for my $s (($l ? ('l') : ()), ($d ? ('d') : ())) {
            @g = grep { !($_->[0] eq $ds && $_->[1] eq $kind && $_->[2] eq $name && $_->[3] eq $s && $_->[4] eq $p) } @g;
            push @g, [$ds, $kind, $name, $s, $p] if $verb eq 'allow';
          }
        }
        save(@g);
        exit 0;
        """;
}
