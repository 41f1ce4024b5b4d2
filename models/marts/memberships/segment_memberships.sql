{#- Which profile is in which segment now: one row per profile and segment, with the time the
    profile entered the segment (from segment_membership_history, so it survives merges) and
    the time the data first satisfied the segment's rule. -#}
with int_segment_members_unioned as (
    select * from {{ ref('int_segment_members_unioned') }}
),

segment_membership_history as (
    select * from {{ ref('segment_membership_history') }}
    where is_current
),

final as (
    select
        -- ids
        cast(
            {{ dbt.hash(
                "int_segment_members_unioned.segment_name || ':' || int_segment_members_unioned.customer_id"
            ) }} as {{ dbt.type_string() }}
        ) as segment_membership_id,
        cast(int_segment_members_unioned.customer_id as {{ dbt.type_string() }}) as customer_id,
        -- strings
        cast(int_segment_members_unioned.segment_name as {{ dbt.type_string() }}) as segment_name,
        -- timestamps
        cast(segment_membership_history.entered_at as {{ dbt.type_timestamp() }}) as entered_at,
        cast(int_segment_members_unioned.qualified_at as {{ dbt.type_timestamp() }})
            as qualified_at
    from int_segment_members_unioned
    inner join segment_membership_history
        on
            int_segment_members_unioned.customer_id = segment_membership_history.customer_id
            and int_segment_members_unioned.segment_name = segment_membership_history.segment_name
)

select * from final
