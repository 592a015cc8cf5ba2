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

    [GeneratedRegex(@"\A[a-z]+\z")]
    private static partial Regex Name();
}
