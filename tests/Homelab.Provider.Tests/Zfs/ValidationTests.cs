using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Testing;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Zfs;

namespace Homelab.Provider.Tests.Zfs;

/// <summary>Hostile input is rejected at validate time, with the attribute path, before any command runs.</summary>
[Trait(Tier.Name, Tier.Unit)]
public sealed class ValidationTests
{
    private static DiagnosticBag Validate(string name, IReadOnlyDictionary<string, string>? properties = null, string? description = null, string? type = null, string? volsize = null)
    {
        var config = new ZfsDatasetModel { Name = name, Properties = properties, Description = description, Type = type ?? "filesystem", Volsize = volsize }.ToValue()
            .With("type", type is null ? TfValue.Null(TfType.String) : TfValue.String(type))
            .With("sparse", TfValue.Null(TfType.Bool))
            .With("force_destroy", TfValue.Null(TfType.Bool));
        var diags = new DiagnosticBag();
        ProviderTesting.Validate(ZfsDatasetSchema.Schema, config, diags);
        new ZfsDatasetResource().ValidateConfig(config, diags);
        return diags;
    }

    public static TheoryData<string, string> HostileNames => new()
    {
        { "tank/a;rm -rf /", "not allowed" },
        { "tank/$(reboot)", "not allowed" },
        { "tank/`id`", "not allowed" },
        { "tank/a\nb", "newline" },
        { "tank/../etc", "relative" },
        { "tank/./a", "relative" },
        { "tank/-o", "option" },
        { "tank//a", "empty component" },
        { "tank/a/", "empty component" },
        { "/tank/a", "letter" },
        { "tank", "pool" },
        { "tank/" + new string('a', 260), "255" },
        { "tank/a\uFFFDb", "UTF-8" },
        { "tank/a b", "not allowed" },
        { "tank/a@snap", "snapshot" },
        { "tank/a#mark", "bookmark" },
        { "1tank/a", "letter" },
        { "tank/a\tb", "tab" },
        { "", "empty" },
    };

    [Theory]
    [MemberData(nameof(HostileNames))]
    public void Hostile_names_are_rejected_on_the_name_attribute(string name, string because)
    {
        var diags = Validate(name);
        var d = Assert.Single(diags);
        Assert.Equal("name", d.Path!.ToString());
        Assert.Contains(because, d.Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_lone_surrogate_is_invalid_utf8()
    {
        // Not theory data: xunit's serialisation would turn the lone surrogate into U+FFFD.
        var d = Assert.Single(Validate("tank/a\uD800b"));
        Assert.Equal("name", d.Path!.ToString());
        Assert.Contains("lone surrogate", d.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tank/a")]
    [InlineData("tank/data/media-2024_v1.0")]
    [InlineData("rpool/incus:x")]
    public void Ordinary_names_pass(string name) => Assert.Empty(Validate(name));

    public static TheoryData<string, string> HostileKeys => new()
    {
        { "compression;reboot", "native ZFS property" },
        { "$(id)", "native" },
        { "-o", "option" },
        { "Compression", "native" },
        { "com.example:Owner", "user property" },
        { ":x", "user property" },
        { "a\nb:c", "newline" },
        { "used", "read-only" },
        { "volsize", "`volsize` attribute" },
        { "homelab:description", "`description` attribute" },
        { "x:" + new string('a', 300), "256" },
    };

    [Theory]
    [MemberData(nameof(HostileKeys))]
    public void Hostile_property_keys_are_rejected_on_their_map_key(string key, string because)
    {
        var d = Assert.Single(Validate("tank/a", new Dictionary<string, string> { [key] = "on" }));
        Assert.Equal($"properties[\"{key}\"]", d.Path!.ToString());
        Assert.Contains(because, d.Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("on\noff", "newline")]
    [InlineData("a\tb", "tab")]
    [InlineData("a\rb", "carriage")]
    [InlineData("a\u0000b", "NUL")]
    [InlineData("\uFFFD", "UTF-8")]
    public void Hostile_property_values_and_descriptions_are_rejected(string value, string because)
    {
        var d = Assert.Single(Validate("tank/a", new Dictionary<string, string> { ["com.example:note"] = value }));
        Assert.Equal("properties[\"com.example:note\"]", d.Path!.ToString());
        Assert.Contains(because, d.Detail, StringComparison.Ordinal);
        var desc = Assert.Single(Validate("tank/a", description: value));
        Assert.Equal("description", desc.Path!.ToString());
    }

    [Fact]
    public void Shell_metacharacters_in_values_are_fine_because_argv_carries_them() =>
        Assert.Empty(Validate("tank/a", new Dictionary<string, string> { ["com.example:note"] = "$(id); `x` 'q' \"d\"" }, "it's $HOME"));

    [Fact]
    public void Over_long_values_are_rejected() =>
        Assert.Contains("8191", Assert.Single(Validate("tank/a", description: new string('x', 9000))).Detail, StringComparison.Ordinal);

    [Fact]
    public void Volumes_need_a_volsize_and_filesystems_refuse_one()
    {
        Assert.Equal("volsize", Assert.Single(Validate("tank/v", type: "volume")).Path!.ToString());
        Assert.Equal("volsize", Assert.Single(Validate("tank/f", volsize: "1G")).Path!.ToString());
        Assert.Equal("volsize", Assert.Single(Validate("tank/v", type: "volume", volsize: "lots")).Path!.ToString());
        Assert.Empty(Validate("tank/v", type: "volume", volsize: "1.5G"));
    }
}
