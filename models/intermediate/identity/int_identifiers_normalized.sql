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

{#- the patterns of seeds/config/blocked_identifier_patterns.csv, written into the SQL -#}
{%- set blocked_patterns = blocked_identifier_patterns(ref('blocked_identifier_patterns')) %}

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

distinct_values as (
    -- normalising, checking and hashing depend only on (type, raw value, region): each distinct
    -- one is done once here, not once per record, and joined back to the records in with_reasons
    {% for column in identifier_columns() %}
        select distinct
            '{{ column }}' as identifier_type,
            {{ column }} as raw_value,
            {% if column == 'phone' %}
                coalesce(phone_region, '{{ var("phone_default_country") }}') as phone_region
            {% else %}
                cast(null as {{ dbt.type_string() }}) as phone_region
            {% endif %}
        from int_activities_unioned
        where {{ column }} is not null
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

normalized as (
    select
        identifier_type,
        raw_value,
        -- the join key back to the records (phone_region is NULL for every type but phone)
        coalesce(phone_region, '') as region_key,
        {{ normalize_identifier_value('identifier_type', 'raw_value', 'phone_region') }}
            as identifier_value
    from distinct_values
),

hashed as (
    select
        *,
        {{ dbt.hash("identifier_type || ':' || coalesce(identifier_value, raw_value)") }}
            as identifier_id
    from normalized
),

checked as (
    select
        hashed.*,
        case
            when hashed.identifier_value is null and hashed.identifier_type = 'phone'
                then 'invalid phone number'
            when hashed.identifier_value is null then 'empty value'
            when
                hashed.identifier_type = 'email'
                and not {{ is_valid_email('hashed.identifier_value') }}
                then 'invalid email address'
            when blocked_identifier_values.reason is not null
                then 'blocked value (' || blocked_identifier_values.reason || ')'
        end as value_rejection_reason
    from hashed
    left join blocked_identifier_values
        on
            lower(hashed.identifier_value) = blocked_identifier_values.blocked_value
            and blocked_identifier_values.identifier_type in ('*', hashed.identifier_type)
),

value_reasons as (
    select
        checked.identifier_type,
        checked.raw_value,
        checked.region_key,
        checked.identifier_value,
        checked.identifier_id,
        coalesce(
            checked.value_rejection_reason,
            'blocked pattern ('
            || {{ blocked_pattern_reason(
                'checked.identifier_type', 'lower(checked.identifier_value)', blocked_patterns
            ) }}
            || ')'
        ) as rejection_reason
    from checked
),

with_reasons as (
    -- one row per record and identifier column that has a value
    {% for column in identifier_columns() %}
        select
            value_reasons.identifier_id,
            int_activities_unioned.activity_id,
            int_activities_unioned.source_name,
            value_reasons.identifier_type,
            value_reasons.raw_value,
            value_reasons.identifier_value,
            int_activities_unioned.occurred_at,
            value_reasons.rejection_reason
        from int_activities_unioned
        inner join value_reasons
            on
                value_reasons.identifier_type = '{{ column }}'
                and int_activities_unioned.{{ column }} = value_reasons.raw_value
                {% if column == 'phone' -%}
                    and coalesce(
                        int_activities_unioned.phone_region, '{{ var("phone_default_country") }}'
                    ) = value_reasons.region_key
                {%- endif %}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

unidentified_records as (
    -- records whose every identifier was rejected still count, as their own profile
    select
        rejected.activity_id,
        min(rejected.source_name) as source_name,
        'unidentified_record' as identifier_type,
        rejected.activity_id as raw_value,
        rejected.activity_id as identifier_value,
        min(rejected.occurred_at) as occurred_at,
        cast(null as {{ dbt.type_string() }}) as rejection_reason,
        {{ dbt.hash("'unidentified_record:' || rejected.activity_id") }} as identifier_id
    from with_reasons as rejected
    where
        rejected.rejection_reason is not null
        and not exists (
            select 1 as is_accepted
            from with_reasons as accepted
            where
                accepted.activity_id = rejected.activity_id
                and accepted.rejection_reason is null
        )
    group by rejected.activity_id
),

all_occurrences as (
    {% for part in ['with_reasons', 'unidentified_records'] %}
        select
            identifier_id,
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
        identifier_id,
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
