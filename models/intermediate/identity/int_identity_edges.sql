{#- Candidate links of the identity graph: every pair of accepted identifiers that occur on the
    same record, one row per pair (from = the smaller identifier_id), with how often and when
    they were seen together. Whether a link is used is decided downstream (limits, shared
    identifiers) and shown in fct_identity_edges. -#}
with int_identifiers_normalized as (
    select * from {{ ref('int_identifiers_normalized') }}
    where is_accepted
),

record_pairs as (
    select
        from_side.identifier_id as from_identifier_id,
        to_side.identifier_id as to_identifier_id,
        from_side.identifier_type as from_identifier_type,
        to_side.identifier_type as to_identifier_type,
        from_side.activity_id,
        from_side.source_name,
        from_side.occurred_at
    from int_identifiers_normalized as from_side
    inner join int_identifiers_normalized as to_side
        on
            from_side.activity_id = to_side.activity_id
            and from_side.identifier_id < to_side.identifier_id
),

final as (
    select
        {{ dbt.hash("from_identifier_id || ':' || to_identifier_id") }} as identity_edge_id,
        from_identifier_id,
        to_identifier_id,
        min(from_identifier_type) as from_identifier_type,
        min(to_identifier_type) as to_identifier_type,
        count(*) as record_count,
        min(activity_id) as example_activity_id,
        {{ dbt.listagg('distinct source_name', "','", 'order by source_name') }} as source_names,
        min(occurred_at) as first_seen_at,
        max(occurred_at) as last_seen_at
    from record_pairs
    group by from_identifier_id, to_identifier_id
)

select * from final
