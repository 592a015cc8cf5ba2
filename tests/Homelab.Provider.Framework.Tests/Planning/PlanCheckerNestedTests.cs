using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Planning;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;
using static Homelab.Provider.Framework.Tests.TestKit.Val;
using Homelab.Testing;

namespace Homelab.Provider.Framework.Tests.Planning;

/// <summary>Plan and state rules inside list and map nestings (blocks and nested attributes).</summary>
[Trait(Tier.Name, Tier.Unit)]
public sealed class PlanCheckerNestedTests
{
    private static readonly Block Rule = new()
    {
        Attributes =
        [
            new SchemaAttribute("port", TfType.Number, "") { Required = true },
            new SchemaAttribute("rid", TfType.String, "") { Computed = true },
            new SchemaAttribute("token", TfType.String, "") { Optional = true, WriteOnly = true },
        ],
    };

    private static readonly NestedAttributes Backends = new(NestingMode.Map,
    [
        new SchemaAttribute("host", TfType.String, "") { Required = true },
        new SchemaAttribute("bid", TfType.String, "") { Computed = true },
    ]);

    private static readonly Block Thing = new()
    {
        Attributes = [new SchemaAttribute("backends", Backends, "") { Optional = true }],
        Blocks = [new NestedBlock("rule", Rule, NestingMode.List)],
    };

    private static readonly TfValue Config = Obj(Thing,
        ("backends", Backend(("web", "h1", NullStr))),
        ("rule", Rules(Obj(Rule, ("port", Num(80))), Obj(Rule, ("port", Num(443)), ("token", Str("t"))))));

    private static readonly TfValue ValidPlan = Obj(Thing,
        ("backends", Backend(("web", "h1", UnknownStr))),
        ("rule", Rules(Obj(Rule, ("port", Num(80)), ("rid", UnknownStr)), Obj(Rule, ("port", Num(443)), ("rid", UnknownStr)))));

    [Fact]
    public void Plan_that_keeps_every_element_is_valid()
    {
        var diags = new DiagnosticBag();

        PlanChecker.CheckPlan(Thing, Config, ValidPlan, diags);

        Assert.Empty(diags);
    }

    public static TheoryData<string, TfValue, string> InvalidPlans => new()
    {
        {
            "list block element attribute changed",
            ValidPlan.With("rule", Rules(Obj(Rule, ("port", Num(80)), ("rid", UnknownStr)), Obj(Rule, ("port", Num(8443)), ("rid", UnknownStr)))),
            "rule[1].port"
        },
        { "list block element dropped", ValidPlan.With("rule", Rules(Obj(Rule, ("port", Num(80)), ("rid", UnknownStr)))), "rule" },
        {
            "write-only attribute of a list block element planned with a value",
            ValidPlan.With("rule", Rules(Obj(Rule, ("port", Num(80)), ("rid", UnknownStr)), Obj(Rule, ("port", Num(443)), ("rid", UnknownStr), ("token", Str("t"))))),
            "rule[1].token"
        },
        { "map nested attribute element changed", ValidPlan.With("backends", Backend(("web", "h2", UnknownStr))), "backends[\"web\"].host" },
        {
            "map nested attribute element added",
            ValidPlan.With("backends", Backend(("web", "h1", UnknownStr), ("db", "h3", UnknownStr))),
            "backends"
        },
    };

    [Theory]
    [MemberData(nameof(InvalidPlans))]
    public void Invalid_plan_inside_a_collection_is_an_error_naming_the_element(string why, TfValue planned, string path)
    {
        var diags = new DiagnosticBag();

        PlanChecker.CheckPlan(Thing, Config, planned, diags);

        var d = Assert.Single(diags);
        Assert.True(d.Severity == Severity.Error, why);
        Assert.Equal(path, d.Path?.ToString());
    }

    [Fact]
    public void Write_only_value_inside_a_list_block_in_state_is_an_error()
    {
        var diags = new DiagnosticBag();
        var state = Obj(Thing,
            ("backends", Backend(("web", "h1", Str("b1")))),
            ("rule", Rules(Obj(Rule, ("port", Num(80)), ("rid", Str("r1")), ("token", Str("leaked"))))));

        PlanChecker.CheckRead(Thing, state, diags);

        Assert.Equal("rule[0].token", Assert.Single(diags).Path?.ToString());
    }

    private static TfValue Rules(params TfValue[] rules) => TfValue.List(Rule.ImpliedType, rules);

    private static TfValue Backend(params (string Key, string Host, TfValue Id)[] entries) =>
        TfValue.Map(Backends.ObjectType, entries.Select(e =>
            KeyValuePair.Create(e.Key, Obj(Backends.ObjectType, ("host", Str(e.Host)), ("bid", e.Id)))));
}
