using Homelab.Provider.Framework.Hosting;
using Homelab.TestProvider;

return await PluginHost.RunAsync(new TestFrameworkProvider(), args, "example.com/homelab/testfw").ConfigureAwait(false);
