{#- Links between two identifiers of limited types (max_per_profile set in
    seeds/config/identifier_types.csv; by default user_id and crm_contact_id, one each), and
    whether each respects the limits: a link from A to B is within limits when A links to no
    more identifiers of B's type than B's type allows, and B to no more of A's type than A's
    type allows. (A CRM contact linked to two user ids links neither.) -#}
with int_identity_edges as (
    select * from {{ ref('int_identity_edges') }}
),

int_identifiers as (
    select * from {{ ref('int_identifiers') }}
),

limited_edges as (
    select
        int_identity_edges.identity_edge_id,
        int_identity_edges.from_identifier_id,
        int_identity_edges.to_identifier_id,
        int_identity_edges.from_identifier_type,
        int_identity_edges.to_identifier_type,
        from_identifiers.max_per_profile as from_max_per_profile,
        to_identifiers.max_per_profile as to_max_per_profile
    from int_identity_edges
    inner join int_identifiers as from_identifiers
        on int_identity_edges.from_identifier_id = from_identifiers.identifier_id
    inner join int_identifiers as to_identifiers
        on int_identity_edges.to_identifier_id = to_identifiers.identifier_id
    where
        from_identifiers.is_limited
        and to_identifiers.is_limited
        and int_identity_edges.value_rejection_reason is null
),

neighbours as (
    select
        from_identifier_id as identifier_id,
        to_identifier_type as neighbour_type
    from limited_edges

    union all

    select
        to_identifier_id as identifier_id,
        from_identifier_type as neighbour_type
    from limited_edges
),

neighbour_counts as (
    select
        identifier_id,
        neighbour_type,
        count(*) as neighbour_count
    from neighbours
    group by identifier_id, neighbour_type
),

final as (
    select
        limited_edges.identity_edge_id,
        limited_edges.from_identifier_id,
        limited_edges.to_identifier_id,
        from_counts.neighbour_count as from_neighbours_of_to_type,
        to_counts.neighbour_count as to_neighbours_of_from_type,
        from_counts.neighbour_count <= limited_edges.to_max_per_profile
        and to_counts.neighbour_count <= limited_edges.from_max_per_profile as is_within_limits
    from limited_edges
    inner join neighbour_counts as from_counts
        on
            limited_edges.from_identifier_id = from_counts.identifier_id
            and limited_edges.to_identifier_type = from_counts.neighbour_type
    inner join neighbour_counts as to_counts
        on
            limited_edges.to_identifier_id = to_counts.identifier_id
            and limited_edges.from_identifier_type = to_counts.neighbour_type
)

select * from final
