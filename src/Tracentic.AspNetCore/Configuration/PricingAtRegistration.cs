namespace Tracentic.AspNetCore.Configuration;

/// <summary>
/// The application's configure delegate, with the prices it sets taken when <c>AddTracentic</c> is called (as the
/// official Tracentic SDK takes them): a dictionary the delegate assigns is copied then, so a price the caller adds
/// or changes later, before or after the host starts, never counts. The options pattern runs the delegate later, once
/// per options instance; it is run once more here, on options of its own, to see which dictionary it assigns.
/// </summary>
internal static class PricingAtRegistration
{
    public static Action<TracenticOptions> Wrap(Action<TracenticOptions> configure)
    {
        Dictionary<string, ModelPricing>? assigned;
        try
        {
            var probe = new TracenticOptions();
            configure(probe);
            assigned = probe.CustomPricing;
        }
        catch (Exception)
        {
            return configure; // it fails again when the options are made, where startup validation reports it
        }

        if (assigned is null)
        {
            return configure;
        }

        var copied = new Dictionary<string, ModelPricing>(assigned, assigned.Comparer);
        return options =>
        {
            configure(options);
            if (ReferenceEquals(options.CustomPricing, assigned))
            {
                options.CustomPricing = new Dictionary<string, ModelPricing>(copied, copied.Comparer);
            }
        };
    }
}
