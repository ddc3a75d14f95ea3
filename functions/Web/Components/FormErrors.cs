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

    public void AddAll(IReadOnlyDictionary<string, string[]>? errors)
    {
        foreach (var (field, messages) in errors ?? new Dictionary<string, string[]>())
        {
            foreach (var message in messages)
            {
                Add(field, message);
            }
        }
    }

    /// <summary>The aria-describedby value of an input: its error paragraph when it has one.</summary>
    public string? DescribedBy(string field) => Has(field) ? FieldError.IdFor(field) : null;
}
