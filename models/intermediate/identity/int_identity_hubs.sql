{#- Hub identifiers: values that link too many people to be anyone's. A value of a type with a
    hub limit (max_links_per_type in seeds/config/identifier_types.csv) is a hub when its links
    reach more identifiers of one personal type than that limit: a dummy phone typed at hundreds
    of guest checkouts, the shop's own email on every order, a shop-floor tablet. A hub is
    shared: it joins no profile and links nothing (int_identities_attached,
    int_identity_components), so it cannot glue strangers into one profile; its activities are
    split by time like those of other shared identifiers. One row per hub, with the personal type
    it has most links to (ties: the type's name). -#}
with int_identity_edges as (
    select * from {{ ref('int_identity_edges') }}
    where value_rejection_reason is null
),

identifier_types as (
    select * from {{ ref('identifier_types') }}
),

neighbours as (
    select
        from_identifier_id as identifier_id,
        from_identifier_type as identifier_type,
        to_identifier_type as linked_type
    from int_identity_edges

    union all

    select
        to_identifier_id as identifier_id,
        to_identifier_type as identifier_type,
        from_identifier_type as linked_type
    from int_identity_edges
),

link_counts as (
    -- the links are distinct pairs, so this counts distinct linked identifiers
    select
        identifier_id,
        identifier_type,
        linked_type,
        count(*) as linked_count
    from neighbours
    group by identifier_id, identifier_type, linked_type
),

over_limit as (
    select
        link_counts.identifier_id,
        link_counts.identifier_type,
        link_counts.linked_type,
        link_counts.linked_count,
        own_types.max_links_per_type,
        row_number() over (
            partition by link_counts.identifier_id
            order by link_counts.linked_count desc, link_counts.linked_type asc
        ) as excess_rank
    from link_counts
    inner join identifier_types as own_types
        on link_counts.identifier_type = own_types.identifier_type
    inner join identifier_types as linked_types
        on link_counts.linked_type = linked_types.identifier_type
    where
        linked_types.is_personal
        and link_counts.linked_count > own_types.max_links_per_type
),

final as (
    select
        identifier_id,
        identifier_type,
        linked_type,
        linked_count,
        max_links_per_type
    from over_limit
    where excess_rank = 1
)

select * from final
