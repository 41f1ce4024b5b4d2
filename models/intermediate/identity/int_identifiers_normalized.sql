{#- Every identifier value seen on every record, normalised per type and checked, with the
    reason when it is rejected. Rejected values make no node and no link in the identity graph;
    they stay here (and in fct_identity_edges) so a user can see why.

    Normalisation: email trimmed and lower-cased, rejected unless it is a plain valid address
    (never repaired: 'pat lee@example.com' stays invalid); phone to E.164 with the record's
    country or var('phone_default_country'), rejected unless possible; other types trimmed
    and kept whole, case included. Every text is put in Unicode NFC first, so 'josé' typed with
    a combining accent is the same identifier as with a precomposed one. Blocked values (seeds/config/
    blocked_identifier_values.csv, '*' = every type) match case- and white-space-insensitively;
    blocked patterns (blocked_identifier_patterns.csv) are regular expressions matched against
    the lower-cased normalised value. A record whose every identifier is rejected gets one
    'unidentified_record' identifier, so it still counts as a profile of its own. -#}
{{ config(materialized='table') }}

with int_activities_unioned as (
    select * from {{ ref('int_activities_unioned') }}
),

blocked_identifier_values as (
    select
        identifier_type,
        reason,
        lower({{ clean_text('blocked_value') }}) as blocked_value
    from {{ ref('blocked_identifier_values') }}
),

blocked_identifier_patterns as (
    select * from {{ ref('blocked_identifier_patterns') }}
),

unpivoted as (
    {% for column in identifier_columns() %}
        select
            activity_id,
            source_name,
            '{{ column }}' as identifier_type,
            {{ column }} as raw_value,
            {% if column == 'phone' %}
                coalesce(phone_region, '{{ var("phone_default_country") }}') as phone_region,
            {% else %}
                cast(null as {{ dbt.type_string() }}) as phone_region,
            {% endif %}
            occurred_at
        from int_activities_unioned
        where {{ column }} is not null
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

normalized as (
    select
        activity_id,
        source_name,
        identifier_type,
        raw_value,
        occurred_at,
        {{ normalize_identifier_value('identifier_type', 'raw_value', 'phone_region') }}
            as identifier_value
    from unpivoted
),

checked as (
    select
        normalized.*,
        case
            when normalized.identifier_value is null and normalized.identifier_type = 'phone'
                then 'invalid phone number'
            when normalized.identifier_value is null then 'empty value'
            when
                normalized.identifier_type = 'email'
                and not {{ is_valid_email('normalized.identifier_value') }}
                then 'invalid email address'
            when blocked_identifier_values.reason is not null
                then 'blocked value (' || blocked_identifier_values.reason || ')'
        end as value_rejection_reason
    from normalized
    left join blocked_identifier_values
        on
            lower(normalized.identifier_value) = blocked_identifier_values.blocked_value
            and blocked_identifier_values.identifier_type in ('*', normalized.identifier_type)
),

pattern_matches as (
    select
        checked.activity_id,
        checked.identifier_type,
        min(blocked_identifier_patterns.reason) as pattern_reason
    from checked
    inner join blocked_identifier_patterns
        on
            checked.identifier_type = blocked_identifier_patterns.identifier_type
            and {{ regex_matches(
                'lower(checked.identifier_value)', 'blocked_identifier_patterns.blocked_pattern'
            ) }}
    where checked.value_rejection_reason is null
    group by checked.activity_id, checked.identifier_type
),

with_reasons as (
    select
        checked.activity_id,
        checked.source_name,
        checked.identifier_type,
        checked.raw_value,
        checked.identifier_value,
        checked.occurred_at,
        coalesce(
            checked.value_rejection_reason,
            'blocked pattern (' || pattern_matches.pattern_reason || ')'
        ) as rejection_reason
    from checked
    left join pattern_matches
        on
            checked.activity_id = pattern_matches.activity_id
            and checked.identifier_type = pattern_matches.identifier_type
),

unidentified_records as (
    -- records whose every identifier was rejected still count, as their own profile
    select
        activity_id,
        min(source_name) as source_name,
        'unidentified_record' as identifier_type,
        activity_id as raw_value,
        activity_id as identifier_value,
        min(occurred_at) as occurred_at,
        cast(null as {{ dbt.type_string() }}) as rejection_reason
    from with_reasons
    group by activity_id
    having max(case when rejection_reason is null then 1 else 0 end) = 0
),

all_occurrences as (
    {% for part in ['with_reasons', 'unidentified_records'] %}
        select
            activity_id,
            source_name,
            identifier_type,
            raw_value,
            identifier_value,
            rejection_reason,
            occurred_at
        from {{ part }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

final as (
    select
        {{ dbt.hash("identifier_type || ':' || coalesce(identifier_value, raw_value)") }}
            as identifier_id,
        activity_id,
        source_name,
        identifier_type,
        raw_value,
        identifier_value,
        rejection_reason,
        rejection_reason is null as is_accepted,
        occurred_at
    from all_occurrences
)

select * from final
