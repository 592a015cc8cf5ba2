using Homelab.Testing;
using Homelab.Provider.Docs.Tests.TestKit;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Docs.Tests;

/// <summary>The registry page shape, and the schema facts rendered per attribute.</summary>
[Trait(Tier.Name, Tier.Unit)]
public sealed class PageTests : IDisposable
{
    private readonly TempDir _examples = new("hl-docs-examples");

    public void Dispose() => _examples.Dispose();

    private static Block ThingSchema => new()
    {
        Description = """
            A *thing* on the host.

            Import id: `[<remote>:]<thing>`, e.g. `atlas:one`.
            """,
        Attributes =
        [
            new SchemaAttribute("name", TfType.String, "Name of the thing.") { Required = true, RequiresReplace = true },
            new SchemaAttribute("mode", TfType.String, "How it runs")
            {
                Optional = true,
                Computed = true,
                Default = TfValue.String("fast"),
                Validators = [Validators.OneOf("fast", "slow")],
            },
            new SchemaAttribute("secret_wo", TfType.String, "A secret.") { Optional = true, Sensitive = true, WriteOnly = true },
            new SchemaAttribute("legacy", TfType.Bool, "Old switch.") { Optional = true, DeprecationMessage = "Use `mode`" },
            new SchemaAttribute("labels", TfType.Map(TfType.String), "Labels; default `{}`.") { Optional = true, Computed = true, Default = TfValue.Map(TfType.String, []) },
            new SchemaAttribute("rules", new NestedAttributes(NestingMode.List,
            [
                new SchemaAttribute("action", TfType.String, "What to do.") { Required = true },
            ]), "Rules, in order.") { Optional = true },
            new SchemaAttribute("id", TfType.String, "`<remote>:<name>`.") { Computed = true },
        ],
        Blocks =
        [
            new NestedBlock("target", new Block
            {
                Description = "Where to send it.",
                Attributes = [new SchemaAttribute("host", TfType.String, "Host name.\n\nSecond paragraph.") { Required = true }],
            }, NestingMode.List) { MinItems = 1, MaxItems = 3 },
        ],
    };

    [Fact]
    public void AResourcePageHasTheRegistryShapeAndTheSchemaFacts()
    {
        _examples.Write("resources/fake_thing/resource.tf", "resource \"fake_thing\" \"one\" {\r\n  name = \"one\"\r\n}\r\n\r\n");
        _examples.Write("resources/fake_thing/import.sh", "# By name.\nterraform import fake_thing.one 'atlas:one'\n");

        var page = Generate().Files["resources/thing.md"];

        Assert.Equal("""
            ---
            page_title: "fake_thing Resource - fake"
            subcategory: ""
            description: |-
              A thing on the host.
            ---

            # fake_thing (Resource)

            A *thing* on the host.

            ## Example Usage

            ```terraform
            resource "fake_thing" "one" {
              name = "one"
            }
            ```

            ## Schema

            ### Required

            - `name` (String) Name of the thing. **Forces replacement** when changed.
            - `target` (Block List, Min: 1, Max: 3) Where to send it. (see [below for nested schema](#nestedblock--target))

            ### Optional

            - `mode` (String) How it runs. Must be one of `fast`, `slow`. Default: `"fast"`.
            - `secret_wo` (String, Sensitive, Write-only) A secret. **Write-only:** sent on every plan and apply but never stored in the plan or state (Terraform 1.11+, OpenTofu 1.11+). **Sensitive:** hidden in plan output.
            - `legacy` (Boolean, Deprecated) **Deprecated:** Use `mode`. Old switch.
            - `labels` (Map of String) Labels; default `{}`.
            - `rules` (Attributes List) Rules, in order. (see [below for nested schema](#nestedatt--rules))

            ### Read-Only

            - `id` (String) `<remote>:<name>`.

            <a id="nestedatt--rules"></a>
            ### Nested Schema for `rules`

            Required:

            - `action` (String) What to do.

            <a id="nestedblock--target"></a>
            ### Nested Schema for `target`

            Required:

            - `host` (String) Host name.

              Second paragraph.

            ## Import

            Import id: `[<remote>:]<thing>`, e.g. `atlas:one`.

            Import with the CLI (`tofu import` takes the same arguments):

            ```shell
            # By name.
            terraform import fake_thing.one 'atlas:one'
            ```

            Or, with Terraform 1.5+ or OpenTofu 1.5+, declare an `import` block and run `plan`/`apply`:

            ```terraform
            import {
              to = fake_thing.one
              id = "atlas:one"
            }
            ```

            """, page);
    }

    [Fact]
    public void WithoutAWrittenGrammarOrImportScriptTheImportSectionUsesTheHouseGrammarAndWarns()
    {
        var schema = ThingSchema with { Description = "A thing." };
        var provider = new FakeProvider(new Block { Description = "Fake." }, [new FakeResource("fake_thing", schema)]);

        var result = DocsGenerator.Generate(provider, new ExampleFiles(_examples.Path));

        var page = result.Files["resources/thing.md"];
        Assert.Contains(ImportSection.DefaultGrammar, page, StringComparison.Ordinal);
        Assert.Contains("terraform import fake_thing.example example", page, StringComparison.Ordinal);
        Assert.Contains(result.Warnings, w => w.Contains("import.sh is missing", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.Contains("resource.tf is missing", StringComparison.Ordinal));
    }

    [Fact]
    public void ProviderAndDataSourcePagesUseTheirExamples()
    {
        _examples.Write("provider/provider.tf", "provider \"fake\" {}\n");
        _examples.Write("data-sources/fake_info/data-source.tf", "data \"fake_info\" \"x\" {}\n");

        var files = Generate().Files;

        Assert.Equal(["data-sources/info.md", "index.md", "resources/thing.md"], files.Keys);
        Assert.Contains("# fake Provider\n\nThe fake provider.\n\n## Example Usage\n\n```terraform\nprovider \"fake\" {}\n```\n", files["index.md"], StringComparison.Ordinal);
        Assert.Contains("- `token` (String, Sensitive) A token.", files["index.md"], StringComparison.Ordinal);
        Assert.Contains("# fake_info (Data Source)", files["data-sources/info.md"], StringComparison.Ordinal);
        Assert.Contains("data \"fake_info\" \"x\" {}", files["data-sources/info.md"], StringComparison.Ordinal);
        Assert.Contains("### Read-Only\n\n- `health` (String) Health.", files["data-sources/info.md"], StringComparison.Ordinal);
        Assert.DoesNotContain("## Import", files["data-sources/info.md"], StringComparison.Ordinal);
    }

    [Fact]
    public void OutputIsDeterministic()
    {
        Assert.Equal(Generate().Files, Generate().Files);
    }

    private DocsResult Generate()
    {
        var provider = new FakeProvider(
            new Block
            {
                Description = "The fake provider.",
                Attributes = [new SchemaAttribute("token", TfType.String, "A token.") { Optional = true, Sensitive = true }],
            },
            [new FakeResource("fake_thing", ThingSchema)],
            [new FakeDataSource("fake_info", new Block
            {
                Description = "Information.",
                Attributes = [new SchemaAttribute("health", TfType.String, "Health.") { Computed = true }],
            })]);
        var result = DocsGenerator.Generate(provider, new ExampleFiles(_examples.Path));
        Assert.Empty(result.Problems);
        return result;
    }
}
