using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Planning;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;
using static Homelab.Provider.Framework.Tests.TestKit.Val;
using Homelab.Testing;

namespace Homelab.Provider.Framework.Tests.Planning;

[Trait(Tier.Name, Tier.Unit)]
public sealed class PlanCheckerTests
{
    private const string BugSummary = "Provider produced an invalid answer";

    private static readonly NestedAttributes Settings = new(NestingMode.Single,
    [
        new SchemaAttribute("mode", TfType.String, "") { Optional = true },
        new SchemaAttribute("zone", TfType.String, "") { Computed = true },
    ]);

    private static readonly Block Remote = new()
    {
        Attributes = [new SchemaAttribute("host", TfType.String, "") { Required = true }],
    };

    private static readonly Block Thing = new()
    {
        Attributes =
        [
            new SchemaAttribute("id", TfType.String, "") { Computed = true },
            new SchemaAttribute("name", TfType.String, "") { Required = true },
            new SchemaAttribute("mode", TfType.String, "") { Optional = true, Computed = true },
            new SchemaAttribute("password", TfType.String, "") { Optional = true, WriteOnly = true },
            new SchemaAttribute("settings", Settings, "") { Optional = true },
            new SchemaAttribute("ports", TfType.List(TfType.String), "") { Computed = true },
            new SchemaAttribute("labels", TfType.Map(TfType.String), "") { Computed = true },
        ],
        Blocks = [new NestedBlock("remote", Remote, NestingMode.Single)],
    };

    private static readonly TfValue Config = Obj(Thing,
        ("name", Str("a")), ("mode", Str("fast")), ("password", Str("secret")),
        ("settings", Obj(Settings.ObjectType, ("mode", Str("x")))),
        ("remote", Obj(Remote, ("host", Str("h")))));

    private static readonly TfValue ValidPlan = Config
        .With("id", UnknownStr)
        .With("password", NullStr)
        .With("settings", Obj(Settings.ObjectType, ("mode", Str("x")), ("zone", UnknownStr)))
        .With("ports", Strings(Str("22"), UnknownStr))
        .With("labels", StrMap(("owner", Str("me")), ("zone", UnknownStr)));

    private static readonly TfValue ValidApplied = ValidPlan
        .With("id", Str("i-1"))
        .With("settings", Obj(Settings.ObjectType, ("mode", Str("x")), ("zone", Str("z1"))))
        .With("ports", Strings(Str("22"), Str("80")))
        .With("labels", StrMap(("owner", Str("me")), ("zone", Str("z1"))));

    [Fact]
    public void Plan_that_keeps_config_and_leaves_computed_values_unknown_is_valid()
    {
        var diags = new DiagnosticBag();

        PlanChecker.CheckPlan(Thing, Config, ValidPlan, diags);

        Assert.Empty(diags);
    }

    [Fact]
    public void Plan_of_the_default_planner_is_valid()
    {
        var diags = new DiagnosticBag();
        var config = Config.With("mode", NullStr);

        PlanChecker.CheckPlan(Thing, config, Planner.Plan(Thing, null, config, config).Planned, diags);

        Assert.Empty(diags);
    }

    [Fact]
    public void Plan_may_choose_any_value_for_an_unset_computed_attribute()
    {
        var diags = new DiagnosticBag();
        var config = Config.With("mode", NullStr);

        PlanChecker.CheckPlan(Thing, config, ValidPlan.With("mode", Str("chosen")).With("id", Str("i-9")), diags);

        Assert.Empty(diags);
    }

    public static TheoryData<string, TfValue, TfValue, string> InvalidPlans => new()
    {
        { "required attribute changed", Config, ValidPlan.With("name", Str("b")), "name" },
        { "configured optional+computed attribute changed", Config, ValidPlan.With("mode", Str("slow")), "mode" },
        { "write-only attribute planned with a value", Config, ValidPlan.With("password", Str("secret")), "password" },
        {
            "attribute of a nested single attribute changed",
            Config,
            ValidPlan.With("settings", Obj(Settings.ObjectType, ("mode", Str("y")), ("zone", UnknownStr))),
            "settings.mode"
        },
        { "attribute of a single block changed", Config, ValidPlan.With("remote", Obj(Remote, ("host", Str("other")))), "remote.host" },
        { "unknown required value planned known", Config.With("name", UnknownStr), ValidPlan, "name" },
        { "unknown optional+computed value planned known", Config.With("mode", UnknownStr), ValidPlan, "mode" },
    };

    [Theory]
    [MemberData(nameof(InvalidPlans))]
    public void Invalid_plan_is_an_error_naming_the_attribute(string why, TfValue config, TfValue planned, string path)
    {
        var diags = new DiagnosticBag();

        PlanChecker.CheckPlan(Thing, config, planned, diags);

        var d = Assert.Single(diags);
        Assert.True(d.Severity == Severity.Error, why);
        Assert.Equal(BugSummary, d.Summary);
        Assert.Equal(path, d.Path?.ToString());
        Assert.Contains(path, d.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_configuration_value_planned_unknown_is_valid()
    {
        var diags = new DiagnosticBag();
        var config = Config.With("name", UnknownStr).With("mode", UnknownStr);

        PlanChecker.CheckPlan(Thing, config, ValidPlan.With("name", UnknownStr).With("mode", UnknownStr), diags);

        Assert.Empty(diags);
    }

    [Fact]
    public void Apply_that_fills_in_every_unknown_is_valid()
    {
        var diags = new DiagnosticBag();

        PlanChecker.CheckApply(Thing, ValidPlan, ValidApplied, diags);

        Assert.Empty(diags);
    }

    public static TheoryData<string, TfValue, string> InvalidApplies => new()
    {
        { "known planned value changed", ValidApplied.With("name", Str("b")), "name" },
        { "unknown left at the top", ValidApplied.With("id", UnknownStr), "id" },
        { "unknown left in a list", ValidApplied.With("ports", Strings(Str("22"), UnknownStr)), "ports[1]" },
        { "unknown left in a map", ValidApplied.With("labels", StrMap(("owner", Str("me")), ("zone", UnknownStr))), "labels[\"zone\"]" },
        { "known element of a partly unknown list changed", ValidApplied.With("ports", Strings(Str("2222"), Str("80"))), "ports[0]" },
        { "partly unknown list grew", ValidApplied.With("ports", Strings(Str("22"), Str("80"), Str("443"))), "ports" },
        { "partly unknown list shrank", ValidApplied.With("ports", Strings(Str("22"))), "ports" },
        { "known entry of a partly unknown map changed", ValidApplied.With("labels", StrMap(("owner", Str("you")), ("zone", Str("z1")))), "labels[\"owner\"]" },
        { "known entry of a partly unknown map missing", ValidApplied.With("labels", StrMap(("zone", Str("z1")))), "labels[\"owner\"]" },
        {
            "partly unknown map gained an entry",
            ValidApplied.With("labels", StrMap(("extra", Str("x")), ("owner", Str("me")), ("zone", Str("z1")))),
            "labels"
        },
        {
            "known attribute of a partly unknown object changed",
            ValidApplied.With("settings", Obj(Settings.ObjectType, ("mode", Str("y")), ("zone", Str("z1")))),
            "settings.mode"
        },
        { "partly unknown object came back null", ValidApplied.With("settings", TfValue.Null(Settings.ObjectType)), "settings" },
        { "partly unknown list came back null", ValidApplied.With("ports", TfValue.Null(TfType.List(TfType.String))), "ports" },
        { "write-only attribute stored", ValidApplied.With("password", Str("secret")), "password" },
    };

    [Theory]
    [MemberData(nameof(InvalidApplies))]
    public void Invalid_apply_result_is_an_error_naming_the_attribute(string why, TfValue applied, string path)
    {
        var diags = new DiagnosticBag();

        PlanChecker.CheckApply(Thing, ValidPlan, applied, diags);

        Assert.NotEmpty(diags);
        Assert.All(diags, d =>
        {
            Assert.True(d.Severity == Severity.Error, why);
            Assert.Equal(BugSummary, d.Summary);
            Assert.Equal(path, d.Path?.ToString());
        });
    }

    [Fact]
    public void Read_result_that_is_wholly_known_is_valid()
    {
        var diags = new DiagnosticBag();

        PlanChecker.CheckRead(Thing, ValidApplied, diags);

        Assert.Empty(diags);
    }

    public static TheoryData<string, TfValue, string> InvalidReads => new()
    {
        { "unknown attribute", ValidApplied.With("id", UnknownStr), "id" },
        { "unknown nested attribute", ValidApplied.With("settings", Obj(Settings.ObjectType, ("zone", UnknownStr))), "settings.zone" },
        { "write-only value", ValidApplied.With("password", Str("secret")), "password" },
    };

    [Theory]
    [MemberData(nameof(InvalidReads))]
    public void Invalid_read_result_is_an_error_naming_the_attribute(string why, TfValue state, string path)
    {
        var diags = new DiagnosticBag();

        PlanChecker.CheckRead(Thing, state, diags);

        var d = Assert.Single(diags);
        Assert.True(d.Severity == Severity.Error, why);
        Assert.Equal(path, d.Path?.ToString());
    }
}
