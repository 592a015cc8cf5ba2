using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Planning;
using Homelab.Provider.Framework.Tests.TestKit;
using Homelab.Provider.Framework.Values;
using Homelab.Testing;
using static Homelab.Provider.Framework.Tests.TestKit.Val;

namespace Homelab.Provider.Framework.Tests.Planning;

/// <summary>The identity rules: what Terraform 1.12+ checks of an identity, and that a stored one can import.</summary>
[Trait(Tier.Name, Tier.Unit)]
public sealed class PlanCheckerIdentityTests
{
    private static readonly TfType IdType = FakeIdentityResource.IdentityType;

    [Fact]
    public void A_complete_identity_passes_every_check()
    {
        Assert.Empty(Check(Obj(IdType, ("id", Str("i-1")), ("name", Str("a"))), requireKnown: true));
    }

    [Fact]
    public void An_optional_attribute_may_be_null()
    {
        Assert.Empty(Check(Obj(IdType, ("id", Str("i-1"))), requireKnown: true));
    }

    [Fact]
    public void A_stored_identity_must_be_wholly_known()
    {
        var problem = Assert.Single(Check(Obj(IdType, ("id", UnknownStr)), requireKnown: true));
        Assert.Equal("Provider produced an invalid identity", problem.Summary);
        Assert.StartsWith("Identity attribute \"id\" is still unknown after read", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_planned_identity_may_hold_unknowns()
    {
        Assert.Empty(Check(Obj(IdType, ("id", UnknownStr)), requireKnown: false));
    }

    [Fact]
    public void A_stored_identity_sets_what_import_requires()
    {
        var problem = Assert.Single(Check(Obj(IdType, ("name", Str("a"))), requireKnown: true));
        Assert.StartsWith("Identity attribute \"id\" is null after read, but it is required for import", problem.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_null_or_unknown_identity_is_refused_even_in_a_plan(bool isNull)
    {
        var problem = Assert.Single(Check(isNull ? TfValue.Null(IdType) : TfValue.Unknown(IdType), requireKnown: false));
        Assert.Contains(isNull ? "is null; it must be an object" : "is unknown; it must be an object", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_identity_of_another_type_is_refused()
    {
        var other = TfType.Object([KeyValuePair.Create("id", TfType.String)]);
        var problem = Assert.Single(Check(Obj(other, ("id", Str("i-1"))), requireKnown: false));
        Assert.Contains("""has type ["object",{"id":"string"}], but the identity schema (version 0) implies""", problem.Detail, StringComparison.Ordinal);
    }

    private static DiagnosticBag Check(TfValue identity, bool requireKnown)
    {
        var diags = new DiagnosticBag();
        PlanChecker.CheckIdentity(FakeIdentityResource.Identity, identity, requireKnown, "after read", diags);
        return diags;
    }
}
