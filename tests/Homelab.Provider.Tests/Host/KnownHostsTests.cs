using System.Security.Cryptography;
using System.Text;
using Homelab.Provider.Host;

namespace Homelab.Provider.Tests.Host;

[Trait(Tier.Name, Tier.Unit)]
public sealed class KnownHostsTests
{
    private static readonly byte[] Key = [0, 0, 0, 11, .. "ssh-ed25519"u8, 1, 2, 3];
    private static readonly byte[] Other = [0, 0, 0, 11, .. "ssh-ed25519"u8, 9, 9, 9];
    private static readonly string KeyB64 = Convert.ToBase64String(Key);
    private static readonly string OtherB64 = Convert.ToBase64String(Other);

    [Fact]
    public void A_plain_entry_with_the_same_key_is_trusted() =>
        Assert.Equal(KnownHosts.Verdict.Trusted, KnownHosts.Check([$"atlas,10.0.0.2 ssh-ed25519 {KeyB64} c"], "10.0.0.2", 22, Key));

    [Fact]
    public void A_non_standard_port_needs_the_bracket_form()
    {
        Assert.Equal(KnownHosts.Verdict.Unknown, KnownHosts.Check([$"atlas ssh-ed25519 {KeyB64}"], "atlas", 2222, Key));
        Assert.Equal(KnownHosts.Verdict.Trusted, KnownHosts.Check([$"[atlas]:2222 ssh-ed25519 {KeyB64}"], "atlas", 2222, Key));
    }

    [Fact]
    public void A_different_key_for_a_known_host_is_a_mismatch() =>
        Assert.Equal(KnownHosts.Verdict.Mismatch, KnownHosts.Check([$"atlas ssh-ed25519 {OtherB64}"], "atlas", 22, Key));

    [Fact]
    public void Hashed_entries_match_by_hmac_sha1()
    {
        var salt = RandomNumberGenerator.GetBytes(20);
#pragma warning disable CA5350
        var hash = HMACSHA1.HashData(salt, Encoding.UTF8.GetBytes("[127.0.0.1]:2200"));
#pragma warning restore CA5350
        var line = $"|1|{Convert.ToBase64String(salt)}|{Convert.ToBase64String(hash)} ssh-ed25519 {KeyB64}";
        Assert.Equal(KnownHosts.Verdict.Trusted, KnownHosts.Check([line], "127.0.0.1", 2200, Key));
        Assert.Equal(KnownHosts.Verdict.Unknown, KnownHosts.Check([line], "127.0.0.1", 22, Key));
    }

    [Fact]
    public void A_revoked_line_after_a_trusting_line_still_wins() =>
        Assert.Equal(KnownHosts.Verdict.Revoked, KnownHosts.Check([$"atlas ssh-ed25519 {KeyB64}", "# revoked later:", $"@revoked atlas ssh-ed25519 {KeyB64}"], "atlas", 22, Key));

    [Fact]
    public void Revoked_keys_are_refused_even_when_also_listed() =>
        Assert.Equal(KnownHosts.Verdict.Revoked, KnownHosts.Check([$"@revoked * ssh-ed25519 {KeyB64}", $"atlas ssh-ed25519 {KeyB64}"], "atlas", 22, Key));

    [Fact]
    public void Wildcards_and_negation_follow_openssh()
    {
        Assert.True(KnownHosts.MatchesHost("*.lan", "atlas.lan"));
        Assert.True(KnownHosts.MatchesHost("atla?", "atlas"));
        Assert.False(KnownHosts.MatchesHost("*.lan,!atlas.lan", "atlas.lan"));
        Assert.False(KnownHosts.MatchesHost("*.lan", "atlas.lan.evil"));
    }

    [Fact]
    public void Comments_blank_lines_and_cert_authorities_are_ignored() =>
        Assert.Equal(KnownHosts.Verdict.Unknown, KnownHosts.Check(["# atlas", "", $"@cert-authority atlas ssh-ed25519 {KeyB64}"], "atlas", 22, Key));

    [Theory]
    [InlineData("SHA256:abc=", "abc")]
    [InlineData("sha256:abc", "abc")]
    [InlineData("abc", "abc")]
    public void Fingerprints_are_compared_without_prefix_and_padding(string given, string expected) =>
        Assert.Equal(expected, HostKeyPolicy.NormaliseFingerprint(given));
}
