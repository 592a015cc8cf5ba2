using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Planning;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;
using static Homelab.Provider.Framework.Tests.TestKit.Val;
using Homelab.Testing;

namespace Homelab.Provider.Framework.Tests.Planning;

[Trait(Tier.Name, Tier.Unit)]
public sealed partial class ConfigValidationTests
{
    private static readonly NestedAttributes Settings = new(NestingMode.Single,
    [
        new SchemaAttribute("mode", TfType.String, "") { Optional = true, Validators = [Validators.OneOf("a", "b")] },
    ]);

    private static readonly NestedAttributes Backends = new(NestingMode.Map,
    [
        new SchemaAttribute("port", TfType.Number, "") { Required = true, Validators = [Validators.IntBetween(1, 65535)] },
    ]);

    private static readonly Block Rule = new()
    {
        Attributes =
        [
            new SchemaAttribute("port", TfType.Number, "") { Required = true, Validators = [Validators.IntBetween(1, 65535)] },
            new SchemaAttribute("token", TfType.String, "") { Optional = true, WriteOnly = true },
        ],
    };

    private static readonly Block Thing = new()
    {
        Attributes =
        [
            new SchemaAttribute("name", TfType.String, "") { Required = true, Validators = [Validators.LengthBetween(1, 5)] },
            new SchemaAttribute("old_name", TfType.String, "") { Optional = true, DeprecationMessage = "Use `name`." },
            new SchemaAttribute("password", TfType.String, "") { Optional = true, WriteOnly = true },
            new SchemaAttribute("settings", Settings, "") { Optional = true },
            new SchemaAttribute("backends", Backends, "") { Optional = true },
        ],
        Blocks = [new NestedBlock("rule", Rule, NestingMode.List)],
    };

    private static readonly TfValue Valid = Obj(Thing, ("name", Str("ok")));

    public static TheoryData<string, TfValue, int> CallCases => new()
    {
        { "known value", Str("x"), 1 },
        { "null value", NullStr, 0 },
        { "unknown value", UnknownStr, 0 },
    };

    [Theory]
    [MemberData(nameof(CallCases))]
    public void Validators_run_only_on_known_non_null_values(string why, TfValue value, int expectedCalls)
    {
        var calls = 0;
        var block = new Block
        {
            Attributes =
            [
                new SchemaAttribute("v", TfType.String, "")
                {
                    Optional = true,
                    Validators = [Validators.Custom(null, (_, _, _) => Interlocked.Increment(ref calls))],
                },
            ],
        };
        var diags = new DiagnosticBag();

        ConfigValidation.Validate(block, Obj(block, ("v", value)), diags);

        Assert.True(expectedCalls == calls, $"{why}: {calls} calls");
        Assert.Empty(diags);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void A_sensitive_or_write_only_value_is_masked_in_validator_messages(bool sensitive, bool writeOnly)
    {
        const string Secret = "hunter2\nswordfish";
        var block = new Block
        {
            Attributes =
            [
                new SchemaAttribute("key", TfType.String, "") { Optional = true, Sensitive = sensitive, WriteOnly = writeOnly, Validators = [Validators.Matches(Digits(), "Use digits.")] },
                new SchemaAttribute("keys", TfType.List(TfType.String), "") { Optional = true, Sensitive = sensitive, WriteOnly = writeOnly, Validators = [Validators.Custom(null, (v, p, d) => d.AddError("Bad keys", $"{v.Elements[0].AsString()} is bad", p))] },
            ],
        };
        var diags = new DiagnosticBag();

        ConfigValidation.Validate(block, Obj(block, ("key", Str(Secret)), ("keys", TfValue.List(TfType.String, [Str("s3cret")]))), diags);

        Assert.Equal(2, diags.Count);
        Assert.All(diags, d =>
        {
            Assert.Contains("(sensitive value)", d.Detail, StringComparison.Ordinal);
            Assert.DoesNotContain("hunter2", d.Detail, StringComparison.Ordinal);
            Assert.DoesNotContain("s3cret", d.Detail, StringComparison.Ordinal);
        });
        Assert.Equal(["key", "keys"], diags.Select(d => d.Path!.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_plain_value_is_quoted_as_it_is()
    {
        var block = new Block { Attributes = [new SchemaAttribute("key", TfType.String, "") { Optional = true, Validators = [Validators.Matches(Digits(), "Use digits.")] }] };
        var diags = new DiagnosticBag();

        ConfigValidation.Validate(block, Obj(block, ("key", Str("abc"))), diags);

        Assert.Contains("\"abc\"", Assert.Single(diags).Detail, StringComparison.Ordinal);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\A[0-9]+\z")]
    private static partial System.Text.RegularExpressions.Regex Digits();

    [Fact]
    public void Valid_configuration_has_no_diagnostics()
    {
        var diags = new DiagnosticBag();
        var config = Valid
            .With("settings", Obj(Settings.ObjectType, ("mode", Str("a"))))
            .With("backends", TfValue.Map(Backends.ObjectType, [KeyValuePair.Create("web", Obj(Backends.ObjectType, ("port", Num(80))))]))
            .With("rule", TfValue.List(Rule.ImpliedType, [Obj(Rule, ("port", Num(22)))]));

        ConfigValidation.Validate(Thing, config, diags);

        Assert.Empty(diags);
    }

    public static TheoryData<string, TfValue, string> InvalidValues => new()
    {
        { "top-level attribute", Valid.With("name", Str("much too long")), "name" },
        { "nested single attribute", Valid.With("settings", Obj(Settings.ObjectType, ("mode", Str("c")))), "settings.mode" },
        {
            "second element of a list block",
            Valid.With("rule", TfValue.List(Rule.ImpliedType, [Obj(Rule, ("port", Num(22))), Obj(Rule, ("port", Num(70000)))])),
            "rule[1].port"
        },
        {
            "element of a map nested attribute",
            Valid.With("backends", TfValue.Map(Backends.ObjectType,
            [
                KeyValuePair.Create("db", Obj(Backends.ObjectType, ("port", Num(5432)))),
                KeyValuePair.Create("web", Obj(Backends.ObjectType, ("port", Num(0)))),
            ])),
            "backends[\"web\"].port"
        },
    };

    [Theory]
    [MemberData(nameof(InvalidValues))]
    public void Invalid_value_is_an_error_at_its_path(string why, TfValue config, string path)
    {
        var diags = new DiagnosticBag();

        ConfigValidation.Validate(Thing, config, diags);

        var d = Assert.Single(diags);
        Assert.True(d.Severity == Severity.Error, why);
        Assert.Equal(path, d.Path?.ToString());
    }

    [Fact]
    public void Unknown_list_block_skips_validation_of_its_elements()
    {
        var diags = new DiagnosticBag();

        ConfigValidation.Validate(Thing, Valid.With("rule", TfValue.Unknown(TfType.List(Rule.ImpliedType))), diags);

        Assert.Empty(diags);
    }

    [Theory]
    [InlineData("set")]
    [InlineData("unknown")]
    public void Deprecated_attribute_in_use_warns_with_its_message(string how)
    {
        var diags = new DiagnosticBag();

        ConfigValidation.Validate(Thing, Valid.With("old_name", how == "set" ? Str("x") : UnknownStr), diags);

        var d = Assert.Single(diags);
        Assert.Equal(Severity.Warning, d.Severity);
        Assert.Equal("old_name", d.Path?.ToString());
        Assert.Contains("Use `name`.", d.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Deprecated_attribute_left_unset_does_not_warn()
    {
        var diags = new DiagnosticBag();

        ConfigValidation.Validate(Thing, Valid, diags);

        Assert.Empty(diags);
    }

    public static TheoryData<string, TfValue, string?> WriteOnlyCases => new()
    {
        { "top-level value", Valid.With("password", Str("s")), "password" },
        { "top-level unknown value", Valid.With("password", UnknownStr), "password" },
        { "unset", Valid, null },
        {
            "value in a list block element",
            Valid.With("rule", TfValue.List(Rule.ImpliedType, [Obj(Rule, ("port", Num(1))), Obj(Rule, ("port", Num(2)), ("token", Str("t")))])),
            "rule[1].token"
        },
        {
            "list block elements without a value",
            Valid.With("rule", TfValue.List(Rule.ImpliedType, [Obj(Rule, ("port", Num(1)))])),
            null
        },
    };

    [Theory]
    [MemberData(nameof(WriteOnlyCases))]
    public void Uses_write_only_finds_a_write_only_value_and_its_path(string why, TfValue config, string? expectedPath)
    {
        var uses = ConfigValidation.UsesWriteOnly(Thing, config, out var path);

        Assert.True(uses == (expectedPath is not null), why);
        Assert.Equal(expectedPath, path?.ToString());
    }

    [Fact]
    public void Uses_write_only_is_false_for_an_unknown_configuration()
    {
        Assert.False(ConfigValidation.UsesWriteOnly(Thing, TfValue.Unknown(Thing.ImpliedType), out _));
    }
}
