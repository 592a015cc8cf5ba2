using Homelab.Provider.Units;

namespace Homelab.Provider.Tests.Units;

[Trait(Tier.Name, Tier.Host)]
public sealed class SystemdQuoteTests
{
    private static readonly string[] Words =
    [
        "plain",
        "",
        "with space",
        "semi;",
        ";",
        "$HOME",
        "${HOME}",
        "$$",
        "100%",
        "%n",
        "%%",
        "back\\slash",
        "\"quoted\"",
        "'single'",
        "new\nline",
        "tab\there",
        "ctrl\u0001char",
        "ünïcödé",
        "rpool/data@snap",
        "-o compression=lz4",
        "$(rm -rf /)",
        "`id`",
        "a|b&c>d<e",
    ];

    public static TheoryData<string> HostileWords => new(Words);

    [Theory]
    [MemberData(nameof(HostileWords))]
    public void A_word_survives_quoting_and_parsing_back(string word)
    {
        var line = "ExecStart=" + SystemdQuote.Line(["/usr/bin/printf", word, "tail"]);
        var parsed = Assert.Single(SystemdUnits.ExecStarts("[Service]\n" + line + "\n"));
        Assert.Equal(["/usr/bin/printf", word, "tail"], parsed);
    }

    [Fact]
    public void Safe_words_stay_bare_and_percent_signs_are_doubled_everywhere()
    {
        Assert.Equal("/usr/sbin/syncoid", SystemdQuote.Arg("/usr/sbin/syncoid"));
        Assert.Equal("--compress=lz4", SystemdQuote.Arg("--compress=lz4"));
        Assert.Equal("50%%", SystemdQuote.Arg("50%"));
        Assert.Equal("\"a b%%$$c\\\\\\\"\"", SystemdQuote.Arg("a b%$c\\\""));
        Assert.Equal("\";\"", SystemdQuote.Arg(";"));
    }

    [Fact]
    public void Every_hostile_word_passes_systemd_analyze_verify()
    {
        using var dir = new TempDir("hl-quote");
        var service = "[Unit]\nDescription=quote test\n\n[Service]\nType=oneshot\n" +
            string.Concat(Words.Select(w => "ExecStart=" + SystemdQuote.Line(["/bin/true", w]) + "\n"));
        File.WriteAllText(dir.File("homelab-test-quote.service"), service);
        var (code, stdout, stderr) = ProcessRunner.Run("systemd-analyze", "verify", dir.File("homelab-test-quote.service"));
        Assert.True(code == 0 && stderr.Length == 0, $"exit {code}: {stdout}{stderr}");
        Assert.Equal(Words.Length, SystemdUnits.ExecStarts(service).Count);
    }

    /// <summary>The test kit's unit runner (and the sandbox's) reads the provider's quoting back exactly.</summary>
    [Fact]
    public void Every_hostile_word_reaches_the_program_through_the_unit_runner()
    {
        using var dir = new TempDir("hl-quote");
        var service = "[Service]\nType=oneshot\nExecStart=" + SystemdQuote.Line(["/usr/bin/printf", "%s\\0", .. Words]) + "\n";
        var unit = dir.Write("homelab-test-quote.service", service);

        var result = UnitRunner.Run(unit);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Words, result.Stdout.Split('\0')[..^1]);
    }

    [Fact]
    public void Parsing_handles_prefixes_resets_continuations_and_separators()
    {
        const string Service = """
            [Service]
            ExecStart=/bin/false
            ExecStart=
            ExecStart=-/bin/echo "a b" \
              c
            ExecStart=/bin/echo x ; /bin/echo y
            ExecStartPre=/bin/ignored
            """;
        var parsed = SystemdUnits.ExecStarts(Service);
        Assert.Equal(3, parsed.Count);
        Assert.Equal(["/bin/echo", "a b", "c"], parsed[0]);
        Assert.Equal(["/bin/echo", "x"], parsed[1]);
        Assert.Equal(["/bin/echo", "y"], parsed[2]);
    }

    [Fact]
    public void A_nul_character_is_refused()
    {
        Assert.Throws<ArgumentException>(() => SystemdQuote.Arg("a\0b"));
    }
}
