{#- The nodes of the identity graph: every accepted identifier, with its type's configuration
    (seeds/config/identifier_types.csv). -#}
{{ require_seed_columns(
    'identifier_types',
    ['identifier_type', 'is_personal', 'anchor_priority', 'max_per_profile', 'max_links_per_type'],
    'see seeds/_seeds.yml; an empty max_links_per_type means no hub limit'
) }}
with int_identifiers_normalized as (
    select * from {{ ref('int_identifiers_normalized') }}
    where is_accepted
),

identifier_types as (
    select * from {{ ref('identifier_types') }}
),

aggregated as (
    select
        identifier_id,
        identifier_type,
        identifier_value,
        min(occurred_at) as first_seen_at,
        max(occurred_at) as last_seen_at,
        count(*) as activity_count,
        {{ distinct_list('source_name') }} as source_names
    from int_identifiers_normalized
    group by identifier_id, identifier_type, identifier_value
),

final as (
    select
        aggregated.identifier_id,
        aggregated.identifier_type,
        aggregated.identifier_value,
        identifier_types.is_personal,
        identifier_types.anchor_priority,
        identifier_types.max_per_profile,
        identifier_types.max_per_profile is not null as is_limited,
        identifier_types.max_links_per_type,
        aggregated.source_names,
        aggregated.activity_count,
        aggregated.first_seen_at,
        aggregated.last_seen_at
    from aggregated
    left join identifier_types
        on aggregated.identifier_type = identifier_types.identifier_type
)

select * from final
