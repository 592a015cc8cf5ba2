using System.Text.RegularExpressions;
using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;
using Homelab.Testing;

namespace Homelab.Provider.Framework.Tests.Schema;

[Trait(Tier.Name, Tier.Unit)]
public sealed partial class ValidatorsTests
{
    private static readonly AttrPath At = AttrPath.Attribute("v");

    public static TheoryData<string, IValueValidator, TfValue, bool> Cases => new()
    {
        { "one of: allowed", Validators.OneOf("filesystem", "volume"), TfValue.String("volume"), true },
        { "one of: case differs", Validators.OneOf("filesystem", "volume"), TfValue.String("Volume"), false },
        { "one of: empty", Validators.OneOf("filesystem", "volume"), TfValue.String(""), false },
        { "matches: ok", Validators.Matches(Name(), "Lower-case letters."), TfValue.String("tank"), true },
        { "matches: bad", Validators.Matches(Name(), "Lower-case letters."), TfValue.String("Tank"), false },
        { "length: at min", Validators.LengthBetween(2, 4), TfValue.String("ab"), true },
        { "length: at max", Validators.LengthBetween(2, 4), TfValue.String("abcd"), true },
        { "length: below min", Validators.LengthBetween(2, 4), TfValue.String("a"), false },
        { "length: above max", Validators.LengthBetween(2, 4), TfValue.String("abcde"), false },
        { "int: at min", Validators.IntBetween(1, 65535), TfValue.Number(1), true },
        { "int: at max", Validators.IntBetween(1, 65535), TfValue.Number(65535), true },
        { "int: below min", Validators.IntBetween(1, 65535), TfValue.Number(0), false },
        { "int: above max", Validators.IntBetween(1, 65535), TfValue.Number(65536), false },
        { "int: fraction", Validators.IntBetween(1, 65535), TfValue.Number(TfNumber.Parse("2.5")), false },
        { "int: beyond int64", Validators.IntBetween(1, 65535), TfValue.Number(TfNumber.Parse("1e30")), false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Validator_accepts_or_rejects_with_an_error_at_the_path(string why, IValueValidator validator, TfValue value, bool valid)
    {
        var diags = new DiagnosticBag();

        validator.Validate(value, At, diags);

        if (valid)
        {
            Assert.True(diags.Count == 0, $"{why}: {diags}");
        }
        else
        {
            var d = Assert.Single(diags);
            Assert.Equal(Severity.Error, d.Severity);
            Assert.Equal(At, d.Path);
        }
    }

    [Fact]
    public void One_of_names_the_allowed_values_in_error_and_description()
    {
        var validator = Validators.OneOf("filesystem", "volume");
        var diags = new DiagnosticBag();

        validator.Validate(TfValue.String("pool"), At, diags);

        Assert.Contains("filesystem, volume", Assert.Single(diags).Detail, StringComparison.Ordinal);
        Assert.Equal("Must be one of `filesystem`, `volume`.", validator.Description);
    }

    public static TheoryData<string, IValueValidator> EchoingValidators => new()
    {
        { "one of", Validators.OneOf("a", "b") },
        { "matches", Validators.Matches(Name(), "Lower-case letters.") },
    };

    [Theory]
    [MemberData(nameof(EchoingValidators))]
    public void Rejected_value_is_echoed_with_control_characters_escaped(string why, IValueValidator validator)
    {
        var diags = new DiagnosticBag();

        validator.Validate(TfValue.String("x\n\u001b[31mred"), At, diags);

        var detail = Assert.Single(diags).Detail;
        Assert.True(detail.Contains("x\\u000a\\u001b[31mred", StringComparison.Ordinal), $"{why}: {detail}");
        Assert.DoesNotContain('\u001b', detail);
    }

    public static TheoryData<string, string> PrintableCases => new()
    {
        { "plain", "plain" },
        { "tab\there", "tab\\u0009here" },
        { "bell\a", "bell\\u0007" },
        { "del\u007f", "del\\u007f" },
        { "ünïcödé ok", "ünïcödé ok" },
        { "line\u2028sep", "line\\u2028sep" },
        { "rtl\u202Eeliforp", "rtl\\u202eeliforp" },
        { "emoji 🐘 pair", "emoji 🐘 pair" },
    };

    [Theory]
    [MemberData(nameof(PrintableCases))]
    public void Printable_escapes_control_characters_only(string input, string expected)
    {
        Assert.Equal(expected, Validators.Printable(input));
    }

    [Fact]
    public void Printable_cuts_long_values_at_200_characters()
    {
        var printed = Validators.Printable(new string('a', 500));

        Assert.Equal(new string('a', 200) + "…", printed);
    }

    /// <summary>Hostile text every single-line field must refuse, and text it must keep.</summary>
    public static TheoryData<string, string, bool> SingleLineCases => new()
    {
        { "plain", "backup of rpool/persistent: 100% done", true },
        { "unicode", "Sicherung für Müller 🐘", true },
        { "quotes and backslash inside", "say \"hi\" \\ bye", true },
        { "trailing newline", "x\n", false },
        { "CR", "a\rb", false },
        { "NUL", "a\0b", false },
        { "tab", "a\tb", false },
        { "NEL U+0085", "a\u0085b", false },
        { "line separator U+2028", "a\u2028b", false },
        { "paragraph separator U+2029", "a\u2029b", false },
        { "BOM U+FEFF", "\uFEFFa", false },
        { "RTL override U+202E", "a\u202Eb", false },
    };

    [Theory]
    [MemberData(nameof(SingleLineCases))]
    public void Single_line_refuses_control_separator_and_format_characters(string why, string value, bool valid)
    {
        var diags = new DiagnosticBag();

        Validators.SingleLine.Validate(TfValue.String(value), At, diags);

        Assert.True(valid == (diags.Count == 0), $"{why}: {diags}");
        Assert.Equal(valid, Validators.SingleLineProblem(value) is null);
    }

    [Fact]
    public void Lone_surrogates_are_refused_and_shown_escaped()
    {
        // Outside theory data: xunit's serialisation of test cases replaces lone surrogates with U+FFFD.
        var value = "a" + '\uD800' + "b";

        Assert.NotNull(Validators.SingleLineProblem(value));
        Assert.Equal("a\\ud800b", Validators.Printable(value));
    }

    [Theory]
    [InlineData("tank\n")]
    [InlineData("tank\r\n")]
    [InlineData("\ntank")]
    public void Matches_needs_the_whole_string_even_with_dollar_anchors(string value)
    {
        // .NET's `$` matches before a final newline: "tank\n" satisfies ^[a-z]+$.
        var dollar = new Regex("^[a-z]+$", RegexOptions.CultureInvariant);
        var diags = new DiagnosticBag();

        Validators.Matches(dollar, "Lower-case letters.").Validate(TfValue.String(value), At, diags);

        Assert.Single(diags);
        Assert.False(Validators.IsFullMatch(dollar, value));
        Assert.True(Validators.IsFullMatch(dollar, "tank"));
    }

    [GeneratedRegex(@"\A[a-z]+\z")]
    private static partial Regex Name();
}
