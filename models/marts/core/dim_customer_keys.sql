{#- Shared identifiers (equally near to two or more known profiles) point to the profile they
    belong to now: the one last identified on them. Shared hubs (int_identity_hubs) belong to
    nobody and are left out: the last of hundreds of guests who typed a dummy phone is no answer
    to "whose phone is this?". -#}
with int_identities_resolved as (
    select * from {{ ref('int_identities_resolved') }}
),

int_identifiers_normalized as (
    select * from {{ ref('int_identifiers_normalized') }}
    where is_accepted
),

int_activities_attributed as (
    select * from {{ ref('int_activities_attributed') }}
),

identifications as (
    select
        int_identifiers_normalized.identifier_id,
        int_activities_attributed.customer_id,
        row_number() over (
            partition by int_identifiers_normalized.identifier_id
            order by
                int_activities_attributed.occurred_at desc,
                int_activities_attributed.activity_id desc
        ) as recency_rank
    from int_identifiers_normalized
    inner join int_activities_attributed
        on int_identifiers_normalized.activity_id = int_activities_attributed.activity_id
    inner join int_identities_resolved
        on int_identifiers_normalized.identifier_id = int_identities_resolved.identifier_id
    where
        int_identities_resolved.is_shared
        and int_activities_attributed.attribution_rule = 'identifier'
),

final as (
    select
        -- ids
        cast(int_identities_resolved.identifier_id as {{ dbt.type_string() }}) as identifier_id,
        cast(
            coalesce(int_identities_resolved.customer_id, identifications.customer_id)
            as {{ dbt.type_string() }}
        ) as customer_id,
        -- strings
        cast(int_identities_resolved.identifier_type as {{ dbt.type_string() }})
            as identifier_type,
        cast(int_identities_resolved.identifier_value as {{ dbt.type_string() }})
            as identifier_value,
        cast(int_identities_resolved.source_names as {{ dbt.type_string() }}) as source_names,
        -- numerics
        cast(int_identities_resolved.activity_count as bigint) as activity_count,
        -- booleans
        cast(not int_identities_resolved.is_personal as boolean) as is_anonymous,
        cast(int_identities_resolved.is_anchor as boolean) as is_anchor,
        cast(int_identities_resolved.is_shared as boolean) as is_shared,
        -- timestamps
        cast(int_identities_resolved.first_seen_at as {{ dbt.type_timestamp() }}) as first_seen_at,
        cast(int_identities_resolved.last_seen_at as {{ dbt.type_timestamp() }}) as last_seen_at
    from int_identities_resolved
    left join identifications
        on
            int_identities_resolved.identifier_id = identifications.identifier_id
            and identifications.recency_rank = 1
    where
        not (int_identities_resolved.is_hub and int_identities_resolved.is_shared)
        and not {{ is_erased_customer(
            'coalesce(int_identities_resolved.customer_id, identifications.customer_id)'
        ) }}
        and not {{ is_erased_identifier(
            'int_identities_resolved.identifier_type', 'int_identities_resolved.identifier_value'
        ) }}
)

select * from final
