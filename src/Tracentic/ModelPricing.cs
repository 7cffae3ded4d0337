namespace Tracentic;

/// <summary>Price of a model in US dollars per million tokens.</summary>
public sealed record ModelPricing
{
    /// <summary>Creates a price entry; both prices must be finite and not negative.</summary>
    public ModelPricing(double inputPerMillion, double outputPerMillion)
    {
        InputPerMillion = Validate(inputPerMillion, nameof(inputPerMillion));
        OutputPerMillion = Validate(outputPerMillion, nameof(outputPerMillion));
    }

    /// <summary>Dollars per million input (prompt) tokens.</summary>
    public double InputPerMillion { get; }

    /// <summary>Dollars per million output (completion) tokens.</summary>
    public double OutputPerMillion { get; }

    /// <summary>Cost of a call: <c>input/1e6 * InputPerMillion + output/1e6 * OutputPerMillion</c>.</summary>
    public double CostOf(long inputTokens, long outputTokens) =>
        inputTokens / 1e6 * InputPerMillion + outputTokens / 1e6 * OutputPerMillion;

    private static double Validate(double price, string name) =>
        double.IsFinite(price) && price >= 0
            ? price
            : throw new ArgumentOutOfRangeException(name, price, "A model price must be a finite, non-negative number of dollars per million tokens.");
}
