using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Saison.Application.Persistence;

/// <summary>
/// A request body refused while it is read, with a French message; the serializer adds the field's path.
/// </summary>
public sealed class InputRuleException(string message, string? member = null) : JsonException(message)
{
    /// <summary>Where in the record being read (its path is the exception's): <c>peaks[1]</c>, or none for the value itself.</summary>
    public string? Member { get; } = member;
}

/// <summary>
/// What <c>GET</c> returns, a write accepts back unchanged: the fields of <paramref name="view"/> that the
/// input record does not have (identifiers, names looked up, status, revision, dates of change) are
/// accepted as read-only and ignored, while any other unknown field is refused.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ReadBackAttribute(Type view) : Attribute
{
    public Type View { get; } = view;
}

/// <summary>
/// Every text and number of a request body is bounded while it is read, so that nothing unbounded
/// reaches a handler or the store: a field's own limit (<see cref="MaxLengthAttribute"/>,
/// <see cref="RangeAttribute"/> on the record's property, also shown in the OpenAPI schema), or else
/// the defaults below. Numbers are JSON numbers, never strings.
/// </summary>
public static class InputLimits
{
    /// <summary>The longest text a field takes unless it says otherwise (a comment, a note, a name).</summary>
    public const int DefaultTextLength = 2_000;

    /// <summary>The largest whole number a field takes unless it says otherwise (people, units, minutes, days).</summary>
    public const int DefaultMaxInteger = 1_000_000;

    /// <summary>The largest amount (euros) or other decimal a field takes unless it says otherwise.</summary>
    public const decimal DefaultMaxDecimal = 1_000_000_000m;

    /// <summary>The longest list a body may hold (themes, lines, members, milestones…).</summary>
    public const int MaxListItems = 1_000;

    /// <summary>The largest fractional number (hours, shares) a field takes unless it says otherwise.</summary>
    public const double DefaultMaxDouble = 1_000_000d;

    /// <summary>Adds the limits to options that read request bodies.</summary>
    public static void Apply(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Converters.Insert(0, new TextConverter(DefaultTextLength));
        options.Converters.Insert(0, new IntegerConverter(-DefaultMaxInteger, DefaultMaxInteger));
        options.Converters.Insert(0, new DecimalConverter(-DefaultMaxDecimal, DefaultMaxDecimal));
        options.Converters.Insert(0, new DoubleConverter(-DefaultMaxDouble, DefaultMaxDouble));
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(FieldLimits).WithAddedModifier(ReadOnlyFields).WithAddedModifier(ListItems);
    }

    private static readonly Dictionary<Type, Type> ReadShapes = [];

    /// <summary>
    /// Declares, for an input type that cannot carry <see cref="ReadBackAttribute"/> (a domain record bound
    /// directly), the view whose extra fields it accepts back. Called once at start-up, before any body is read.
    /// </summary>
    public static void ReadBack(Type input, Type view)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(view);
        lock (ReadShapes)
        {
            ReadShapes[input] = view;
        }
    }

    private static Type? ViewOf(Type input)
    {
        if (input.GetCustomAttribute<ReadBackAttribute>() is { } attribute)
        {
            return attribute.View;
        }

        lock (ReadShapes)
        {
            return ReadShapes.GetValueOrDefault(input);
        }
    }

    /// <summary>The view's fields the input lacks become ignored, read-only members of the input's contract.</summary>
    private static void ReadOnlyFields(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object || ViewOf(type.Type) is not { } view)
        {
            return;
        }

        var naming = type.Options.PropertyNamingPolicy;
        var known = type.Properties.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var property in view.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = naming?.ConvertName(property.Name) ?? property.Name;
            if (known.Add(name))
            {
                var echo = type.CreateJsonPropertyInfo(typeof(JsonElement), name);
                echo.Set = static (_, _) => { };
                type.Properties.Add(echo);
            }
        }
    }

    /// <summary>
    /// No <c>null</c> item in a list (the runtime cannot see an item type's nullability, so inputs never
    /// accept one), and no list longer than <see cref="MaxListItems"/>: checked once the record holding the
    /// list is read, and named by the list and the item's index (<c>peaks[1]</c>).
    /// </summary>
    private static void ListItems(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        var lists = type.Properties
            .Where(p => p.Get is not null && p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
            .Select(p => (p.Name, p.Get!))
            .ToList();
        if (lists.Count == 0)
        {
            return;
        }

        var previous = type.OnDeserialized;
        type.OnDeserialized = record =>
        {
            previous?.Invoke(record);
            foreach (var (name, get) in lists)
            {
                if (get(record) is not System.Collections.IList list)
                {
                    continue;
                }

                if (list.Count > MaxListItems)
                {
                    throw new InputRuleException($"Une liste compte au plus {Number(MaxListItems)} éléments.", name);
                }

                for (var i = 0; i < list.Count; i++)
                {
                    if (list[i] is null)
                    {
                        throw new InputRuleException("Un élément de la liste est vide (null) : retirez-le.", string.Create(CultureInfo.InvariantCulture, $"{name}[{i}]"));
                    }
                }
            }
        };
    }

    /// <summary>A field's own limit, read from its attributes.</summary>
    private static void FieldLimits(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in type.Properties)
        {
            if (property.AttributeProvider is not ICustomAttributeProvider attributes)
            {
                continue;
            }

            if (attributes.GetCustomAttributes(typeof(MaxLengthAttribute), inherit: true).FirstOrDefault() is MaxLengthAttribute maxLength && property.PropertyType == typeof(string))
            {
                property.CustomConverter = new TextConverter(maxLength.Length);
            }
            else if (attributes.GetCustomAttributes(typeof(RangeAttribute), inherit: true).FirstOrDefault() is RangeAttribute range)
            {
                property.CustomConverter = RangeConverter(property.PropertyType, range);
            }
        }
    }

    private static JsonConverter? RangeConverter(Type type, RangeAttribute range)
    {
        var min = Convert.ToDouble(range.Minimum, CultureInfo.InvariantCulture);
        var max = Convert.ToDouble(range.Maximum, CultureInfo.InvariantCulture);
        return type switch
        {
            _ when type == typeof(int) => new IntegerConverter((int)min, (int)max),
            _ when type == typeof(int?) => new NullableConverter<int>(new IntegerConverter((int)min, (int)max)),
            _ when type == typeof(decimal) => new DecimalConverter((decimal)min, (decimal)max),
            _ when type == typeof(decimal?) => new NullableConverter<decimal>(new DecimalConverter((decimal)min, (decimal)max)),
            _ when type == typeof(double) => new DoubleConverter(min, max),
            _ when type == typeof(double?) => new NullableConverter<double>(new DoubleConverter(min, max)),
            _ => null,
        };
    }

    private static string Number(double value) => value.ToString("#,0.##", CultureInfo.GetCultureInfo("fr-FR")).Replace('\u202F', ' ').Replace('\u00A0', ' ');

    private static InputRuleException OutOfRange(double min, double max) =>
        new($"La valeur doit être comprise entre {Number(min)} et {Number(max)}.");

    private static void ExpectNumber(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw new InputRuleException("Un nombre est attendu ici (sans guillemets).");
        }
    }

    private sealed class TextConverter(int maxLength) : JsonConverter<string>
    {
        public override bool HandleNull => false;

        public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new InputRuleException("Un texte est attendu ici (entre guillemets).");
            }

            var text = reader.GetString()!;
            return text.Length <= maxLength
                ? text
                : throw new InputRuleException($"Ce texte compte {Number(text.Length)} caractères ; {Number(maxLength)} au plus sont acceptés.");
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteStringValue(value);
        }
    }

    private sealed class IntegerConverter(int min, int max) : JsonConverter<int>
    {
        public override int Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            ExpectNumber(ref reader);
            if (!reader.TryGetInt64(out var value))
            {
                throw new InputRuleException("Un nombre entier est attendu ici.");
            }

            return value >= min && value <= max ? (int)value : throw OutOfRange(min, max);
        }

        public override void Write(Utf8JsonWriter writer, int value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteNumberValue(value);
        }
    }

    private sealed class DecimalConverter(decimal min, decimal max) : JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            ExpectNumber(ref reader);
            return reader.TryGetDecimal(out var value) && value >= min && value <= max ? value : throw OutOfRange((double)min, (double)max);
        }

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteNumberValue(value);
        }
    }

    private sealed class DoubleConverter(double min, double max) : JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            ExpectNumber(ref reader);
            return reader.TryGetDouble(out var value) && double.IsFinite(value) && value >= min && value <= max ? value : throw OutOfRange(min, max);
        }

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteNumberValue(value);
        }
    }

    private sealed class NullableConverter<T>(JsonConverter<T> inner) : JsonConverter<T?>
        where T : struct
    {
        public override bool HandleNull => true;

        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? null : inner.Read(ref reader, typeof(T), options);

        public override void Write(Utf8JsonWriter writer, T? value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            if (value is { } present)
            {
                inner.Write(writer, present, options);
            }
            else
            {
                writer.WriteNullValue();
            }
        }
    }
}
