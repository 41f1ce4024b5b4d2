{#- Links between identifiers that occur on the same record. Each record links all its
    identifiers to one of them (the smallest identifier_id), a star rather than every pair:
    the same components, with edges linear in the identifiers per record. -#}
with int_identifier_occurrences as (
    select * from {{ ref('int_identifier_occurrences') }}
),

hubs as (
    select
        activity_id,
        min(identifier_id) as hub_identifier_id
    from int_identifier_occurrences
    group by activity_id
    having count(distinct identifier_id) > 1
),

record_links as (
    select
        hubs.hub_identifier_id as from_identifier_id,
        int_identifier_occurrences.identifier_id as to_identifier_id,
        int_identifier_occurrences.activity_id,
        int_identifier_occurrences.source_name,
        int_identifier_occurrences.occurred_at
    from int_identifier_occurrences
    inner join hubs
        on int_identifier_occurrences.activity_id = hubs.activity_id
    where int_identifier_occurrences.identifier_id != hubs.hub_identifier_id
),

final as (
    select
        {{ dbt.hash("from_identifier_id || ':' || to_identifier_id") }} as identity_edge_id,
        from_identifier_id,
        to_identifier_id,
        count(*) as record_count,
        min(activity_id) as example_activity_id,
        {{ dbt.listagg('distinct source_name', "','", 'order by source_name') }} as source_names,
        min(occurred_at) as first_seen_at,
        max(occurred_at) as last_seen_at
    from record_links
    group by from_identifier_id, to_identifier_id
)

select * from final
