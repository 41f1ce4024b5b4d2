{#- Candidate links of the identity graph: every pair of identifier values that occur on the
    same record, one row per pair (from = the smaller identifier_id), with how often and when
    they were seen together. A pair with a rejected value (invalid, blocked) carries
    value_rejection_reason and links nothing; the identity models use only pairs without one.
    Whether a link is used is decided downstream and shown in fct_identity_edges. -#}
with int_identifiers_normalized as (
    select * from {{ ref('int_identifiers_normalized') }}
    where identifier_type != 'unidentified_record'
),

record_pairs as (
    select
        from_side.identifier_id as from_identifier_id,
        to_side.identifier_id as to_identifier_id,
        from_side.identifier_type as from_identifier_type,
        coalesce(from_side.identifier_value, from_side.raw_value) as from_identifier_value,
        to_side.identifier_type as to_identifier_type,
        coalesce(to_side.identifier_value, to_side.raw_value) as to_identifier_value,
        coalesce(from_side.rejection_reason, to_side.rejection_reason) as value_rejection_reason,
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
        min(from_identifier_value) as from_identifier_value,
        min(to_identifier_type) as to_identifier_type,
        min(to_identifier_value) as to_identifier_value,
        min(value_rejection_reason) as value_rejection_reason,
        count(*) as record_count,
        min(activity_id) as example_activity_id,
        {{ distinct_list('source_name') }} as source_names,
        min(occurred_at) as first_seen_at,
        max(occurred_at) as last_seen_at
    from record_pairs
    group by from_identifier_id, to_identifier_id
)

select * from final
