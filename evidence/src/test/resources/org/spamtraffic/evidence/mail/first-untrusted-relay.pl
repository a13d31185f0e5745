#!/usr/bin/perl
# The independent check of derive-returns' origin rule: SpamAssassin's own Received-header parser
# and trusted-relay logic (Mail::SpamAssassin, Debian package libmail-spamassassin-perl), run with
# the same trusted networks. Prints, for each message file named on the command line, its name, a
# tab, and the address of the first untrusted relay (empty when SpamAssassin finds none).
# Usage: perl first-untrusted-relay.pl "212.17.35.15 213.105.180.140" FILE...
use strict;
use warnings;
use Mail::SpamAssassin;

my $trusted = shift @ARGV;
my $sa = Mail::SpamAssassin->new({
  dont_copy_prefs => 1,
  local_tests_only => 1,
  userprefs_filename => '/dev/null',
  site_rules_filename => '/nonexistent',
  rules_filename => '/nonexistent',
  config_text => "trusted_networks $trusted\ninternal_networks $trusted\n",
});
$sa->init(0);
for my $file (@ARGV) {
  open(my $fh, '<:raw', $file) or die "cannot read $file: $!";
  my @lines = <$fh>;
  close $fh;
  my $msg = $sa->parse(\@lines, 1);
  my $pms = Mail::SpamAssassin::PerMsgStatus->new($sa, $msg);
  $msg->extract_message_metadata($pms);
  my $untrusted = $msg->{metadata}->{relays_untrusted} || [];
  my $first = @$untrusted ? $untrusted->[0]->{ip} : '';
  print "$file\t$first\n";
  $pms->finish;
  $msg->finish;
}
