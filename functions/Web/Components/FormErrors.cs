namespace Saison.Functions.Web.Components;

/// <summary>
/// The refusals of one form submission, by field (the use cases' field names, as in the API's
/// problem <c>errors</c>), plus those that concern the whole form.
/// </summary>
public sealed class FormErrors
{
    private readonly Dictionary<string, List<string>> _byField = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The key for a refusal that concerns no single field.</summary>
    public const string Form = "";

    public bool Any => _byField.Count > 0;

    public IReadOnlyList<string> For(string field) => _byField.TryGetValue(field, out var messages) ? messages : [];

    public bool Has(string field) => _byField.ContainsKey(field);

    public IEnumerable<string> All => _byField.SelectMany(e => e.Value);

    public void Add(string field, string message)
    {
        if (!_byField.TryGetValue(field, out var messages))
        {
            _byField[field] = messages = [];
        }

        messages.Add(message);
    }

    /// <summary>
    /// A use case's refusal as the form shows it: each message next to the field it names (translated by
    /// <paramref name="field"/>), under <paramref name="unnamed"/> when it names none, over the form otherwise; with its reasons.
    /// </summary>
    public void Add<T>(Outcome<T> outcome, Func<string, string>? field = null, string? unnamed = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Failure is not { } failure)
        {
            return;
        }

        if (failure.Kind is OutcomeKind.PreconditionFailed or OutcomeKind.PreconditionRequired)
        {
            Add(Form, failure.Kind == OutcomeKind.PreconditionFailed ? "La demande a été modifiée entre-temps : rechargez la page puis recommencez." : failure.Detail);
            return;
        }

        string KeyOf(string? named) => named is null ? unnamed ?? Form : field?.Invoke(named) ?? named;
        if (failure.Kind == OutcomeKind.Validation)
        {
            foreach (var (named, messages) in failure.Errors)
            {
                foreach (var message in messages)
                {
                    Add(KeyOf(named), message);
                }
            }
        }
        else
        {
            Add(KeyOf(failure.Field), failure.Detail);
        }

        foreach (var reason in failure.Reasons)
        {
            Add(KeyOf(failure.Field), reason.Message);
        }
    }

    /// <summary>The aria-describedby value of an input: its error paragraph when it has one.</summary>
    public string? DescribedBy(string field) => Has(field) ? FieldError.IdFor(field) : null;
}
