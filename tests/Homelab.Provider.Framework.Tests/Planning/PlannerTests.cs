using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Planning;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;
using static Homelab.Provider.Framework.Tests.TestKit.Val;
using Homelab.Testing;

namespace Homelab.Provider.Framework.Tests.Planning;

[Trait(Tier.Name, Tier.Unit)]
public sealed class PlannerTests
{
    private static readonly NestedAttributes Settings = new(NestingMode.Single,
    [
        new SchemaAttribute("mode", TfType.String, "") { Optional = true, RequiresReplace = true },
        new SchemaAttribute("zone", TfType.String, "") { Computed = true },
    ]);

    private static readonly Block Remote = new()
    {
        Attributes =
        [
            new SchemaAttribute("host", TfType.String, "") { Required = true, RequiresReplace = true },
            new SchemaAttribute("port", TfType.Number, "") { Optional = true, Computed = true, Default = TfValue.Number(22) },
        ],
    };

    private static readonly Block Rule = new()
    {
        Attributes =
        [
            new SchemaAttribute("port", TfType.Number, "") { Required = true },
            new SchemaAttribute("proto", TfType.String, "") { Optional = true, Computed = true, Default = TfValue.String("tcp") },
            new SchemaAttribute("rid", TfType.String, "") { Computed = true },
        ],
    };

    private static readonly Block Thing = new()
    {
        Attributes =
        [
            new SchemaAttribute("id", TfType.String, "") { Computed = true, UseStateForUnknown = true },
            new SchemaAttribute("name", TfType.String, "") { Required = true, RequiresReplace = true },
            new SchemaAttribute("size", TfType.Number, "") { Optional = true },
            new SchemaAttribute("mode", TfType.String, "") { Optional = true, Computed = true, Default = TfValue.String("fast") },
            new SchemaAttribute("etag", TfType.String, "") { Computed = true },
            new SchemaAttribute("password", TfType.String, "") { Optional = true, WriteOnly = true },
            new SchemaAttribute("settings", Settings, "") { Optional = true },
        ],
        Blocks =
        [
            new NestedBlock("remote", Remote, NestingMode.Single),
            new NestedBlock("rule", Rule, NestingMode.List),
        ],
    };

    private static readonly TfValue Existing = Obj(Thing,
        ("id", Str("i-1")), ("name", Str("a")), ("size", Num(1)), ("mode", Str("fast")), ("etag", Str("e1")));

    [Fact]
    public void Create_plans_unset_computed_attributes_unknown()
    {
        var config = Obj(Thing, ("name", Str("a")));

        var (planned, replace) = Planner.Plan(Thing, null, config, config);

        Assert.Equal(UnknownStr, planned["id"]);
        Assert.Equal(UnknownStr, planned["etag"]);
        Assert.Empty(replace);
    }

    [Fact]
    public void Create_applies_the_default_of_an_unset_optional_computed_attribute()
    {
        var config = Obj(Thing, ("name", Str("a")));

        var (planned, _) = Planner.Plan(Thing, null, config, config);

        Assert.Equal(Str("fast"), planned["mode"]);
    }

    [Fact]
    public void Update_applies_the_default_when_the_configuration_removes_a_value()
    {
        var config = Obj(Thing, ("name", Str("a")), ("size", Num(1)));
        var prior = Existing.With("mode", Str("slow"));
        var proposed = config.With("id", Str("i-1")).With("etag", Str("e1")).With("mode", Str("slow"));

        var (planned, _) = Planner.Plan(Thing, prior, proposed, config);

        Assert.Equal(Str("fast"), planned["mode"]);
    }

    [Fact]
    public void Configured_values_are_planned_as_configured()
    {
        var config = Obj(Thing, ("name", Str("a")), ("size", Num(7)), ("mode", Str("slow")));

        var (planned, _) = Planner.Plan(Thing, null, config, config);

        Assert.Equal(Str("a"), planned["name"]);
        Assert.Equal(Num(7), planned["size"]);
        Assert.Equal(Str("slow"), planned["mode"]);
    }

    [Fact]
    public void Unset_optional_attribute_without_computed_stays_null()
    {
        var config = Obj(Thing, ("name", Str("a")));

        var (planned, _) = Planner.Plan(Thing, null, config, config);

        Assert.Equal(TfValue.Null(TfType.Number), planned["size"]);
    }

    [Fact]
    public void Write_only_attribute_is_planned_null_though_configured()
    {
        var config = Obj(Thing, ("name", Str("a")), ("password", Str("hunter2")));

        var (planned, _) = Planner.Plan(Thing, null, config, config);

        Assert.Equal(NullStr, planned["password"]);
    }

    [Fact]
    public void Update_keeps_prior_value_of_a_use_state_for_unknown_attribute()
    {
        var (planned, _) = PlanUpdate(size: 2);

        Assert.Equal(Str("i-1"), planned["id"]);
        Assert.Equal(Num(2), planned["size"]);
    }

    [Fact]
    public void Update_with_a_change_plans_computed_only_attributes_unknown()
    {
        var (planned, _) = PlanUpdate(size: 2);

        Assert.Equal(UnknownStr, planned["etag"]);
    }

    [Fact]
    public void Update_without_a_change_plans_exactly_the_prior_state()
    {
        var (planned, replace) = PlanUpdate(size: 1);

        Assert.Equal(Existing, planned);
        Assert.Empty(replace);
    }

    [Fact]
    public void Write_only_value_alone_is_no_change()
    {
        var config = Obj(Thing, ("name", Str("a")), ("size", Num(1)), ("password", Str("new secret")));
        var proposed = config.With("id", Str("i-1")).With("mode", Str("fast")).With("etag", Str("e1"));

        var (planned, _) = Planner.Plan(Thing, Existing, proposed, config);

        Assert.Equal(Existing, planned);
    }

    public static TheoryData<string, TfValue, string[]> ReplaceCases => new()
    {
        { "changed replace-forcing attribute", Existing.With("name", Str("b")), ["name"] },
        { "changed ordinary attribute", Existing.With("size", Num(9)), [] },
        { "nothing changed", Existing, [] },
        {
            "changed attribute inside a nested single attribute",
            Existing.With("settings", Obj(Settings.ObjectType, ("mode", Str("y")), ("zone", Str("z")))),
            ["settings.mode"]
        },
        {
            "changed attribute inside a single block",
            Existing.With("remote", Obj(Remote, ("host", Str("h2")), ("port", Num(22)))),
            ["remote.host"]
        },
        {
            "unchanged replace-forcing attribute inside a single block",
            Existing.With("remote", Obj(Remote, ("host", Str("h1")), ("port", Num(2222)))),
            []
        },
    };

    [Theory]
    [MemberData(nameof(ReplaceCases))]
    public void Requires_replace_is_reported_only_for_changed_replace_forcing_attributes(string why, TfValue proposed, string[] expected)
    {
        var prior = Existing
            .With("settings", Obj(Settings.ObjectType, ("mode", Str("x")), ("zone", Str("z"))))
            .With("remote", Obj(Remote, ("host", Str("h1")), ("port", Num(22))));
        if (proposed["settings"].IsNull)
        {
            proposed = proposed.With("settings", prior["settings"]);
        }
        if (proposed["remote"].IsNull)
        {
            proposed = proposed.With("remote", prior["remote"]);
        }
        var config = proposed.With("id", NullStr).With("etag", NullStr);

        var (_, replace) = Planner.Plan(Thing, prior, proposed, config);

        Assert.True(expected.SequenceEqual(replace.Select(p => p.ToString())), $"{why}: got [{string.Join(", ", replace)}]");
    }

    [Fact]
    public void List_block_elements_are_planned_one_by_one_with_defaults_on_create()
    {
        var config = Obj(Thing, ("name", Str("a")), ("rule", TfValue.List(Rule.ImpliedType,
        [
            Obj(Rule, ("port", Num(80))),
            Obj(Rule, ("port", Num(443)), ("proto", Str("udp"))),
        ])));

        var (planned, _) = Planner.Plan(Thing, null, config, config);

        var rules = planned["rule"].Elements;
        Assert.Equal(2, rules.Length);
        Assert.Equal(Obj(Rule, ("port", Num(80)), ("proto", Str("tcp")), ("rid", UnknownStr)), rules[0]);
        Assert.Equal(Obj(Rule, ("port", Num(443)), ("proto", Str("udp")), ("rid", UnknownStr)), rules[1]);
    }

    [Fact]
    public void List_block_element_added_on_update_gets_default_and_unknown_computed_values()
    {
        var rule80 = Obj(Rule, ("port", Num(80)), ("proto", Str("tcp")), ("rid", Str("r1")));
        var prior = Existing.With("rule", TfValue.List(Rule.ImpliedType, [rule80]));
        var config = Obj(Thing, ("name", Str("a")), ("size", Num(1)), ("rule", TfValue.List(Rule.ImpliedType,
        [
            Obj(Rule, ("port", Num(80))),
            Obj(Rule, ("port", Num(443))),
        ])));
        var proposed = config.With("id", Str("i-1")).With("mode", Str("fast")).With("etag", Str("e1"))
            .With("rule", TfValue.List(Rule.ImpliedType, [rule80, Obj(Rule, ("port", Num(443)))]));

        var (planned, _) = Planner.Plan(Thing, prior, proposed, config);

        var rules = planned["rule"].Elements;
        Assert.Equal(Str("tcp"), rules[0]["proto"]);
        Assert.Equal(Obj(Rule, ("port", Num(443)), ("proto", Str("tcp")), ("rid", UnknownStr)), rules[1]);
    }

    [Fact]
    public void Single_block_gets_its_defaults()
    {
        var config = Obj(Thing, ("name", Str("a")), ("remote", Obj(Remote, ("host", Str("h")))));

        var (planned, _) = Planner.Plan(Thing, null, config, config);

        Assert.Equal(Num(22), planned["remote"]["port"]);
    }

    [Fact]
    public void Nested_attribute_computed_values_are_unknown_on_create()
    {
        var config = Obj(Thing, ("name", Str("a")), ("settings", Obj(Settings.ObjectType, ("mode", Str("x")))));

        var (planned, _) = Planner.Plan(Thing, null, config, config);

        Assert.Equal(Obj(Settings.ObjectType, ("mode", Str("x")), ("zone", UnknownStr)), planned["settings"]);
    }

    public static TheoryData<string, TfValue> UnknownConfigCases => new()
    {
        { "size", TfValue.Unknown(TfType.Number) },
        { "mode", UnknownStr },
        { "name", UnknownStr },
        { "rule", TfValue.Unknown(TfType.List(Rule.ImpliedType)) },
    };

    [Theory]
    [MemberData(nameof(UnknownConfigCases))]
    public void Unknown_configuration_value_is_planned_unknown(string attribute, TfValue unknown)
    {
        var config = Obj(Thing, ("name", Str("a"))).With(attribute, unknown);

        var (planned, _) = Planner.Plan(Thing, null, config, config);

        Assert.Equal(unknown, planned[attribute]);
    }

    [Fact]
    public void Unknown_replace_forcing_value_on_update_reports_a_replacement()
    {
        var config = Obj(Thing, ("name", UnknownStr), ("size", Num(1)));
        var proposed = config.With("id", Str("i-1")).With("mode", Str("fast")).With("etag", Str("e1"));

        var (_, replace) = Planner.Plan(Thing, Existing, proposed, config);

        Assert.Equal([AttrPath.Attribute("name")], replace);
    }

    private static (TfValue Planned, IReadOnlyList<AttrPath> Replace) PlanUpdate(long size)
    {
        var config = Obj(Thing, ("name", Str("a")), ("size", Num(size)));
        // The client's proposed new state: config, with unset computed attributes taken from prior.
        var proposed = config.With("id", Str("i-1")).With("mode", Str("fast")).With("etag", Str("e1"));
        return Planner.Plan(Thing, Existing, proposed, config);
    }
}
