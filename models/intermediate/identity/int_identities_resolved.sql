{#- Every identifier with the unified profile (customer_id) it resolves to.

    A profile is a connected component of the identity graph. Its customer_id is derived from
    its anchor identifier: the one seen earliest, ties broken by the identifier type's
    anchor_priority (seeds/config/identifier_types.csv), then by type and value. The id is a
    hash of the anchor alone, so it does not depend on row order, on unrelated data, or on
    identifiers the profile gains later unless a merge brings in an older anchor. -#}
with int_identifiers as (
    select * from {{ ref('int_identifiers') }}
),

int_identity_components as (
    select * from {{ ref('int_identity_components') }}
),

ranked as (
    select
        int_identifiers.*,
        int_identity_components.component_id,
        row_number() over (
            partition by int_identity_components.component_id
            order by
                int_identifiers.first_seen_at,
                int_identifiers.anchor_priority,
                int_identifiers.identifier_type,
                int_identifiers.identifier_value
        ) as anchor_rank
    from int_identifiers
    inner join int_identity_components
        on int_identifiers.identifier_id = int_identity_components.identifier_id
),

anchors as (
    select
        component_id,
        identifier_type as anchor_identifier_type,
        identifier_value as anchor_identifier_value,
        'cus_' || {{ dbt.hash("identifier_type || ':' || identifier_value") }} as customer_id
    from ranked
    where anchor_rank = 1
),

final as (
    select
        -- ids
        ranked.identifier_id,
        anchors.customer_id,
        -- strings
        ranked.identifier_type,
        ranked.identifier_value,
        ranked.source_names,
        anchors.anchor_identifier_type,
        anchors.anchor_identifier_value,
        -- numerics
        ranked.anchor_priority,
        ranked.activity_count,
        -- booleans
        ranked.is_personal,
        ranked.identifier_type = anchors.anchor_identifier_type
        and ranked.identifier_value = anchors.anchor_identifier_value as is_anchor,
        -- timestamps
        ranked.first_seen_at,
        ranked.last_seen_at
    from ranked
    inner join anchors
        on ranked.component_id = anchors.component_id
)

select * from final
